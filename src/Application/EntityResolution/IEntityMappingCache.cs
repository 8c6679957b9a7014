using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// The L1 (in-process) and L2 (Redis, shared by every instance) tiers in front of <see cref="IEntityStore"/>.
/// A cache failure is a miss, never an error: Postgres still answers.
/// </summary>
public interface IEntityMappingCache
{
    ValueTask<CachedMapping?> GetAsync(string tenantId, ExternalId id, CancellationToken cancellationToken);

    /// <summary>Looks up many ids at once (L2 reads are pipelined); the result holds only the hits.</summary>
    ValueTask<IReadOnlyDictionary<ExternalId, CachedMapping>> GetManyAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken);

    ValueTask SetManyAsync(string tenantId, IReadOnlyCollection<KnownMapping> mappings, CancellationToken cancellationToken);
}

public readonly record struct CachedMapping(Guid EntityId, double Confidence);
