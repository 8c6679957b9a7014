namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// A row of <c>user_progress</c>: the position register (null position = deleted, a tombstone) and the
/// completion register, each with its own HLC stamp. The SQL adapter writes it; EF only models it for migrations.
/// </summary>
public sealed class ProgressRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string ContentId { get; set; }

    public int? PositionSeconds { get; set; }

    public int? DurationSeconds { get; set; }

    public string? State { get; set; }

    public long HlcPhysical { get; set; }

    public int HlcLogical { get; set; }

    public required string DeviceId { get; set; }

    public bool Completed { get; set; }

    public long? CompletedPhysical { get; set; }

    public int? CompletedLogical { get; set; }

    public string? CompletedDevice { get; set; }

    public long ChangeSeq { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Computed by Postgres: the row is a delete tombstone (no position).</summary>
    public bool IsDeleted { get; private set; }
}

/// <summary>A row of <c>user_watchlists</c>: one OR-Set tag, live or removed (a tombstone kept until every device has seen it).</summary>
public sealed class WatchlistTagRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string Tag { get; set; }

    public required string ContentId { get; set; }

    public long? AddedPhysical { get; set; }

    public int? AddedLogical { get; set; }

    public string? AddedDevice { get; set; }

    public bool Removed { get; set; }

    public long? RemovedPhysical { get; set; }

    public int? RemovedLogical { get; set; }

    public string? RemovedDevice { get; set; }

    public long ChangeSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>
/// A row of <c>sync_heads</c>: the user's change counter. Every change takes its number while holding this
/// row's lock, so a user's change numbers are in commit order and a cursor never skips a late commit.
/// </summary>
public sealed class SyncHeadRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public long Seq { get; set; }

    /// <summary>Tombstones up to this change number have been garbage-collected: an older cursor needs a full resync.</summary>
    public long PrunedThrough { get; set; }
}

/// <summary>
/// A row of <c>sync_cursors</c>: the last cursor a device acknowledged (sent back) for a user. Every device that
/// syncs has one, registered or not, so garbage collection never drops a tombstone a syncing device still needs.
/// </summary>
public sealed class SyncCursorRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string DeviceId { get; set; }

    public long Cursor { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }
}
