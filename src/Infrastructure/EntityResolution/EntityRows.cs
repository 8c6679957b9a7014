using Pgvector;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>A row of <c>entities</c>, shared by entity resolution and recommendations. Written by raw SQL; EF models it for migrations.</summary>
public sealed class EntityRow
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public required string NormalizedTitle { get; set; }

    public int? Year { get; set; }

    /// <summary>The normalised title's distinct words, sorted: computed by Postgres (<c>entity_title_key</c>).</summary>
    public string? TitleKey { get; set; }

    /// <summary><see cref="TitleBands"/> of the normalised title; null until written (rows older than the column are filled by <c>TitleBandsJob</c>).</summary>
    public int[]? TitleBands { get; set; }

    public Vector? Embedding { get; set; }

    /// <summary>The model that made <see cref="Embedding"/> (<c>ITextEmbedder.ModelId</c>): vectors of two models are never compared.</summary>
    public string? EmbeddingModel { get; set; }

    public string[] Genres { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>The ingest's free-form JSON object, stored as jsonb.</summary>
    public string? Metadata { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The entity this one was merged into: it is then a redirect, and no mapping points at it.</summary>
    public Guid? MergedInto { get; set; }
}

/// <summary>A row of <c>entity_mappings</c>: one external id pointing at one entity.</summary>
public sealed class EntityMappingRow
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string ExternalId { get; set; }

    public required string IdType { get; set; }

    public Guid EntityId { get; set; }

    public double Confidence { get; set; }

    public required string Method { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A row of <c>entity_changes</c>: one merge or split, who asked for it, and the ids it moved.</summary>
public sealed class EntityChangeRow
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The entity acted on: merged away, or split.</summary>
    public Guid EntityId { get; set; }

    /// <summary><c>merge</c> or <c>split</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The survivor of a merge, or the entity a split created.</summary>
    public Guid OtherEntityId { get; set; }

    /// <summary>The moved ids as <c>type:canonical value</c> (<c>tmdb:movie/603</c>).</summary>
    public string[] ExternalIds { get; set; } = [];

    public required string Actor { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}
