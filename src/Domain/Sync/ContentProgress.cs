namespace MediaGateway.Domain.Sync;

/// <summary>
/// A user's progress on one title, as two converging registers:
/// <list type="bullet">
/// <item>the position, last writer wins; a delete is a write of "nothing" (a tombstone), so an older set that
/// arrives late cannot bring the title back;</item>
/// <item>completion, its own fact with its own timestamp: set by any position at or past the completed
/// threshold, cleared only by a later delete ("mark unwatched"). An offline device replaying an older
/// in-progress position therefore never puts a completed title back into Continue Watching.</item>
/// </list>
/// </summary>
public sealed record ContentProgress(
    LwwRegister<PlaybackPosition?> Position,
    LwwRegister<bool>? Completion)
{
    public bool IsDeleted => Position.Value is null;

    public bool IsCompleted => Completion?.Value == true;

    /// <summary>In Continue Watching: a resumable position on a title not completed.</summary>
    public bool IsInProgress(ResumeRules rules) => !IsCompleted && Position.Value is { } p && p.IsResumable(rules);

    public static ContentProgress FromSet(PlaybackPosition position, HybridTimestamp stamp, ResumeRules rules) =>
        new(new LwwRegister<PlaybackPosition?>(position, stamp),
            position.IsCompleted(rules) ? new LwwRegister<bool>(true, stamp) : null);

    public static ContentProgress FromDelete(HybridTimestamp stamp) =>
        new(new LwwRegister<PlaybackPosition?>(null, stamp), new LwwRegister<bool>(false, stamp));

    /// <summary>Register by register merge: commutative, associative, idempotent.</summary>
    public ContentProgress Merge(ContentProgress other) =>
        new(Position.Merge(other.Position), LwwRegister<bool>.Merge(Completion, other.Completion));

    /// <summary>The newest timestamp in either register: when this progress last changed.</summary>
    public HybridTimestamp LastChanged =>
        Completion is null ? Position.Stamp : HybridTimestamp.Max(Position.Stamp, Completion.Stamp);
}
