using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// The stored side of entity resolution: Postgres, with mappings cached in front of it (L1 in process, L2 in Redis)
/// by the adapter. Every method is one or a few set-based round trips, whatever the count.
/// </summary>
public interface IEntityStore
{
    /// <summary>The stored mapping of each id that has one; <see cref="KnownMapping.FromCache"/> tells which came from a cache tier.</summary>
    Task<IReadOnlyDictionary<ExternalId, KnownMapping>> FindMappingsAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken);

    /// <summary>
    /// For each query, the nearest entities of its kind with years at most one apart: the most similar normalised
    /// titles at or above <paramref name="minTitleSimilarity"/> (trigrams) and, when the query has one, the
    /// nearest embeddings (cosine distance).
    /// </summary>
    Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(
        string tenantId, IReadOnlyList<MatchQuery> queries, int perQuery, double minTitleSimilarity, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the new entities and upserts the mappings in one transaction; an upsert never lowers confidence.
    /// When any id already points at a different entity (a concurrent resolution got there first), nothing is
    /// committed and <see cref="SaveResult.Committed"/> is false.
    /// </summary>
    Task<SaveResult> SaveAsync(
        string tenantId, IReadOnlyList<Entity> newEntities, IReadOnlyList<MappingWrite> mappings, CancellationToken cancellationToken);

    Task<StoredEntity?> GetAsync(string tenantId, Guid entityId, CancellationToken cancellationToken);
}

/// <param name="FromCache">True when a cache tier answered, not Postgres (reported to clients as method "cache").</param>
public sealed record KnownMapping(ExternalId Id, Guid EntityId, double Confidence, bool FromCache = false);

public sealed record MatchQuery(int Index, EntityKind Kind, string? NormalizedTitle, int? Year, float[]? Embedding);

/// <param name="TitleSimilarity">pg_trgm similarity of the normalised titles, null when the query has no title.</param>
/// <param name="EmbeddingSimilarity">Cosine similarity, null when either side has no embedding.</param>
public sealed record MatchCandidate(
    int Index, Guid EntityId, EntityKind Kind, int? Year, double? TitleSimilarity, double? EmbeddingSimilarity, string Title = "");

public sealed record MappingWrite(ExternalId Id, Guid EntityId, double Confidence, ResolutionMethod Method);

public sealed record SaveResult(bool Committed, IReadOnlyList<KnownMapping> Stored);

/// <param name="MergedInto">The survivor this entity was merged into (a redirect has no mappings); null for a live entity.</param>
public sealed record StoredEntity(
    Entity Entity, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<EntityMapping> Mappings, Guid? MergedInto = null);
