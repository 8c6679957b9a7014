using System.Text.Json;

namespace MediaGateway.Application.Catalog;

/// <summary>One title as an ingest client sends it. Only <c>kind</c> and <c>title</c> are required.</summary>
/// <param name="Id">The client's id for the title: sending it again updates the same title, so a retried batch is idempotent.</param>
/// <param name="Metadata">Any JSON object, kept as sent and not interpreted.</param>
/// <param name="Embedding">A vector of the tenant's model, 512 numbers (zero-pad a shorter model's). Computed from title, genres and description when absent.</param>
public sealed record CatalogEntityDto(
    Guid? Id, string? Kind, string? Title, int? Year, IReadOnlyList<string?>? Genres, string? Description,
    JsonElement? Metadata, float[]? Embedding);

public sealed record CatalogIngestRequest(IReadOnlyList<CatalogEntityDto?>? Entities);

/// <summary>The stored titles' ids, in request order.</summary>
public sealed record CatalogIngestResult(IReadOnlyList<Guid> Ids);
