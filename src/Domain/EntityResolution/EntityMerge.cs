namespace MediaGateway.Domain.EntityResolution;

/// <summary>What a merge of one entity into another does, given both as they are stored (under lock).</summary>
public enum MergeDecision
{
    /// <summary>Move the source's ids to the target and keep the source as a redirect to it.</summary>
    Merge,

    /// <summary>The source already redirects to the target: a repeated request, answered as before and changing nothing.</summary>
    AlreadyMerged,

    /// <summary>An entity cannot be merged into itself.</summary>
    IntoItself,

    /// <summary>The source already redirects to another entity; it has no ids left to move.</summary>
    SourceMergedElsewhere,

    /// <summary>The target is itself a redirect: merging into it would make a chain.</summary>
    IntoRedirect,
}

/// <summary>What a split of some of an entity's ids off to a new entity does, given the entity as stored (under lock).</summary>
public enum SplitDecision
{
    /// <summary>Move the ids to a new entity; the rest stay.</summary>
    Split,

    /// <summary>The entity is a redirect (merged into another): it has no ids to split.</summary>
    IsRedirect,

    /// <summary>Some of the ids do not name this entity.</summary>
    IdsNotOnEntity,

    /// <summary>Every id of the entity would move, leaving an entity that nothing names: merge it instead, or move fewer.</summary>
    WouldEmpty,
}

/// <summary>The rules of merging and splitting entities that feeds got wrong.</summary>
public static class EntityMerge
{
    /// <summary>Most external ids one split may move.</summary>
    public const int MaxSplitIds = 100;

    /// <param name="sourceMergedInto">Where the source redirects to, null when it is a live entity.</param>
    /// <param name="targetMergedInto">Where the target redirects to, null when it is a live entity.</param>
    public static MergeDecision Decide(Guid source, Guid? sourceMergedInto, Guid target, Guid? targetMergedInto) =>
        (source == target, sourceMergedInto, targetMergedInto) switch
        {
            (true, _, _) => MergeDecision.IntoItself,
            (_, { } into, _) when into == target => MergeDecision.AlreadyMerged,
            (_, not null, _) => MergeDecision.SourceMergedElsewhere,
            (_, _, not null) => MergeDecision.IntoRedirect,
            _ => MergeDecision.Merge,
        };

    /// <param name="mergedInto">Where the entity redirects to, null when it is a live entity.</param>
    /// <param name="current">Every id that names the entity now.</param>
    /// <param name="requested">The ids to move (distinct).</param>
    /// <param name="notOnEntity">The requested ids that do not name the entity (empty unless the answer is <see cref="SplitDecision.IdsNotOnEntity"/>).</param>
    public static SplitDecision DecideSplit(
        Guid? mergedInto, IReadOnlySet<ExternalId> current, IReadOnlyCollection<ExternalId> requested, out IReadOnlyList<ExternalId> notOnEntity)
    {
        if (mergedInto is not null)
        {
            notOnEntity = [];
            return SplitDecision.IsRedirect;
        }

        notOnEntity = requested.Where(id => !current.Contains(id)).ToList();
        if (notOnEntity.Count > 0)
        {
            return SplitDecision.IdsNotOnEntity;
        }

        return current.All(requested.Contains) ? SplitDecision.WouldEmpty : SplitDecision.Split;
    }
}
