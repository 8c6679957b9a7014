namespace MediaGateway.Application.Catalog;

/// <summary>The catalog's titles in Postgres (the <c>entities</c> table entity resolution also writes).</summary>
public interface ICatalogStore
{
    /// <summary>
    /// Inserts new titles and updates existing ones of the tenant, in one transaction. When an id already names a
    /// title of another tenant nothing is stored and those entries' indexes are returned.
    /// </summary>
    Task<IReadOnlyList<int>> UpsertAsync(string tenantId, IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken);

    /// <summary>How many of the tenant's titles have no embedding of <paramref name="modelId"/>.</summary>
    Task<int> CountNotEmbeddedByAsync(string tenantId, string modelId, CancellationToken cancellationToken);

    /// <summary>The next <paramref name="count"/> titles without an embedding of <paramref name="modelId"/>, in id order after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<CatalogEntry>> ReadNotEmbeddedByAsync(
        string tenantId, string modelId, Guid? afterId, int count, CancellationToken cancellationToken);

    /// <summary>Replaces the titles' embeddings with vectors of <paramref name="modelId"/>.</summary>
    Task SetEmbeddingsAsync(
        string tenantId, string modelId, IReadOnlyList<(Guid EntityId, float[] Embedding)> embeddings, CancellationToken cancellationToken);
}
