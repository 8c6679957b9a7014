using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// Merges and splits of entities, each one transaction that moves mappings and records the change in
/// <c>entity_changes</c>; the adapter then replaces the moved mappings in every cache tier on every instance.
/// The rules (<see cref="EntityMerge"/>) are applied to the rows as locked, so concurrent requests cannot slip
/// between the check and the move.
/// </summary>
public interface IEntityChangeStore
{
    /// <summary>Moves every id of <paramref name="sourceId"/> to <paramref name="targetId"/> and keeps the source as a redirect, when <see cref="EntityMerge.Decide"/> says so.</summary>
    Task<MergeOutcome> MergeAsync(string tenantId, Guid sourceId, Guid targetId, string actor, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="ids"/> from the entity to a new one, <paramref name="newEntityId"/>, with the same kind, title, year and embedding, when <see cref="EntityMerge.DecideSplit"/> says so.</summary>
    Task<SplitOutcome> SplitAsync(
        string tenantId, Guid entityId, Guid newEntityId, IReadOnlyCollection<ExternalId> ids, string actor, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> changes with the entity on either side, newest first; null when the tenant has no such entity.</summary>
    Task<IReadOnlyList<EntityChange>?> ListChangesAsync(string tenantId, Guid entityId, int limit, CancellationToken cancellationToken);
}

/// <param name="Missing">The entity of the two that the tenant does not have; <see cref="Decision"/> means nothing then.</param>
/// <param name="SourceMergedInto">Where the source redirected to before this request.</param>
/// <param name="TargetMergedInto">Where the target redirects to.</param>
/// <param name="Moved">The mappings now on the target (empty unless <see cref="MergeDecision.Merge"/>).</param>
public sealed record MergeOutcome(
    MergeDecision Decision, Guid? Missing, Guid? SourceMergedInto, Guid? TargetMergedInto, IReadOnlyList<KnownMapping> Moved);

/// <param name="Found">False when the tenant has no such entity; <see cref="Decision"/> means nothing then.</param>
/// <param name="MergedInto">Where the entity redirects to.</param>
/// <param name="NotOnEntity">The requested ids that do not name the entity.</param>
/// <param name="Moved">The mappings now on the new entity (empty unless <see cref="SplitDecision.Split"/>).</param>
public sealed record SplitOutcome(
    bool Found, SplitDecision Decision, Guid? MergedInto, IReadOnlyList<ExternalId> NotOnEntity, IReadOnlyList<KnownMapping> Moved);

public enum EntityChangeKind
{
    Merge,
    Split,
}

/// <summary>One recorded merge or split.</summary>
/// <param name="EntityId">The entity acted on: the one merged away, or the one split.</param>
/// <param name="OtherEntityId">The survivor of a merge, or the entity a split created.</param>
/// <param name="ExternalIds">The ids that moved from <paramref name="EntityId"/> to <paramref name="OtherEntityId"/>.</param>
/// <param name="Actor">The user (token subject) who asked for it.</param>
public sealed record EntityChange(
    long Id, EntityChangeKind Kind, Guid EntityId, Guid OtherEntityId, IReadOnlyList<ExternalId> ExternalIds, string Actor, DateTimeOffset OccurredAt);
