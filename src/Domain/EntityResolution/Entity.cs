using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.EntityResolution;

/// <summary>One title as the service knows it: the thing every external id resolves to.</summary>
public sealed class Entity
{
    public const int EmbeddingDimensions = 512;
    public const int MinYear = 1870;
    public const int MaxYear = 2200;

    public Entity(Guid id, EntityKind kind, string title, int? year, float[]? embedding)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("kind", $"Unknown entity kind '{kind}'.");
        }

        title = title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > TitleNormalizer.MaxTitleLength)
        {
            throw new DomainException("title", $"'title' must be 1 to {TitleNormalizer.MaxTitleLength} characters.");
        }

        if (year is < MinYear or > MaxYear)
        {
            throw new DomainException("year", $"'year' must be between {MinYear} and {MaxYear}.");
        }

        if (embedding is not null && embedding.Length != EmbeddingDimensions)
        {
            throw new DomainException("embedding", $"'embedding' must have {EmbeddingDimensions} numbers.");
        }

        if (embedding is not null && (!embedding.All(float.IsFinite) || embedding.All(x => x == 0)))
        {
            throw new DomainException("embedding", "'embedding' must hold finite numbers, not all zero (a zero vector has no direction).");
        }

        Id = id;
        Kind = kind;
        Title = title;
        NormalizedTitle = TitleNormalizer.Normalize(Title);
        Year = year;
        Embedding = embedding;
    }

    public Guid Id { get; }

    public EntityKind Kind { get; }

    public string Title { get; }

    public string NormalizedTitle { get; }

    public int? Year { get; }

    public float[]? Embedding { get; }
}
