using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// The entity store with its mappings cached by the platform's tiered cache: lookups try L1, then L2, and ask
/// Postgres only for the misses, which are then cached; committed saves replace the cached mappings (and tell
/// the other instances to drop their L1 copies). Candidate search and entity reads go straight to Postgres.
/// </summary>
internal sealed class CachingEntityStore(PostgresEntityStore postgres, TieredCache<CachedMapping> cache) : IEntityStore
{
    public const string CacheName = EntityResolutionModule.MappingCacheName;

    public async Task<IReadOnlyDictionary<ExternalId, KnownMapping>> FindMappingsAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 1)
        {
            return await FindOneAsync(tenantId, ids.First(), cancellationToken);
        }

        var keys = ids.ToDictionary(Key);
        var cached = await cache.GetManyAsync(tenantId, keys.Keys, cancellationToken);
        var found = new Dictionary<ExternalId, KnownMapping>(ids.Count);
        foreach (var (key, mapping) in cached)
        {
            found[keys[key]] = new KnownMapping(keys[key], mapping.EntityId, mapping.Confidence, FromCache: true);
        }

        var misses = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (misses.Count == 0)
        {
            return found;
        }

        var stored = await postgres.FindMappingsAsync(tenantId, misses, cancellationToken);
        foreach (var mapping in stored.Values)
        {
            found[mapping.Id] = mapping;
        }

        // Started together so the Redis writes are pipelined on the one connection.
        await Task.WhenAll(stored.Values.Select(m =>
            cache.FillAsync(tenantId, Key(m.Id), new CachedMapping(m.EntityId, m.Confidence), cancellationToken).AsTask()));
        return found;
    }

    // The lookup endpoint's path (one id per request): no per-call dictionaries beyond the answer's.
    private async Task<IReadOnlyDictionary<ExternalId, KnownMapping>> FindOneAsync(string tenantId, ExternalId id, CancellationToken cancellationToken)
    {
        var key = Key(id);
        if (await cache.GetAsync(tenantId, key, cancellationToken) is { } cached)
        {
            return new Dictionary<ExternalId, KnownMapping>(1) { [id] = new KnownMapping(id, cached.EntityId, cached.Confidence, FromCache: true) };
        }

        var stored = await postgres.FindMappingsAsync(tenantId, [id], cancellationToken);
        if (stored.TryGetValue(id, out var mapping))
        {
            await cache.FillAsync(tenantId, key, new CachedMapping(mapping.EntityId, mapping.Confidence), cancellationToken);
        }

        return stored;
    }

    public async Task<SaveResult> SaveAsync(
        string tenantId, IReadOnlyList<Entity> newEntities, IReadOnlyList<MappingWrite> mappings, CancellationToken cancellationToken)
    {
        var saved = await postgres.SaveAsync(tenantId, newEntities, mappings, cancellationToken);
        if (saved.Committed)
        {
            await Task.WhenAll(saved.Stored.Select(m =>
                cache.SetAsync(tenantId, Key(m.Id), new CachedMapping(m.EntityId, m.Confidence), entry: null, cancellationToken).AsTask()));
        }

        return saved;
    }

    public Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(
        string tenantId, IReadOnlyList<MatchQuery> queries, int perQuery, double minTitleSimilarity, CancellationToken cancellationToken) =>
        postgres.FindCandidatesAsync(tenantId, queries, perQuery, minTitleSimilarity, cancellationToken);

    public Task<StoredEntity?> GetAsync(string tenantId, Guid entityId, CancellationToken cancellationToken) =>
        postgres.GetAsync(tenantId, entityId, cancellationToken);

    /// <summary>The cache key of an external id within the tenant: its type and canonical value.</summary>
    internal static string Key(ExternalId id) => $"{CatalogNames.Of(id.Type)}:{id.Value}";
}
