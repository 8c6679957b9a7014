using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Merges and splits with the mapping cache kept true: after commit, every moved id's new entity is set in both
/// tiers here, and every other instance drops its L1 copy over the bus at once (<see cref="TieredCache{T}.SetAsync"/>).
/// Were that message lost (Redis down), each instance's refresher re-reads the moved mappings, whose updated_at
/// the move bumped, within its interval (<see cref="EntityCacheMaintenance"/>).
/// </summary>
internal sealed class CachingEntityChangeStore(PostgresEntityChangeStore postgres, TieredCache<CachedMapping> cache) : IEntityChangeStore
{
    public async Task<MergeOutcome> MergeAsync(string tenantId, Guid sourceId, Guid targetId, string actor, CancellationToken cancellationToken)
    {
        var outcome = await postgres.MergeAsync(tenantId, sourceId, targetId, actor, cancellationToken);
        await ReplaceAsync(tenantId, outcome.Moved);
        return outcome;
    }

    public async Task<SplitOutcome> SplitAsync(
        string tenantId, Guid entityId, Guid newEntityId, IReadOnlyCollection<ExternalId> ids, string actor, CancellationToken cancellationToken)
    {
        var outcome = await postgres.SplitAsync(tenantId, entityId, newEntityId, ids, actor, cancellationToken);
        await ReplaceAsync(tenantId, outcome.Moved);
        return outcome;
    }

    public Task<IReadOnlyList<EntityChange>?> ListChangesAsync(string tenantId, Guid entityId, int limit, CancellationToken cancellationToken) =>
        postgres.ListChangesAsync(tenantId, entityId, limit, cancellationToken);

    // The move has committed: a request cancelled now must still correct the caches, so no caller token here.
    private Task ReplaceAsync(string tenantId, IReadOnlyList<KnownMapping> moved) =>
        Task.WhenAll(moved.Select(m => cache.SetAsync(
            tenantId, CachingEntityStore.Key(m.Id), new CachedMapping(m.EntityId, m.Confidence), entry: null, CancellationToken.None).AsTask()));
}
