namespace MediaGateway.Application.Catalog;

/// <summary>
/// Turns catalog text into vectors for the <c>entities.embedding</c> column. The adapter runs the configured
/// model (in process by default, or an OpenAI-compatible endpoint) and always answers
/// <see cref="CatalogVectors.Dimensions"/> numbers per text, zero-padded when the model has fewer: padding leaves
/// cosine distances unchanged. Vectors of different <see cref="ModelId"/>s are never compared.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>Names the model and its output size, stored beside every vector it made (e.g. <c>all-MiniLM-L6-v2/384</c>).</summary>
    string ModelId { get; }

    /// <summary>One vector per text, in order; each has <see cref="CatalogVectors.Dimensions"/> finite numbers, not all zero.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

public static class CatalogVectors
{
    /// <summary>The width of <c>entities.embedding</c> and <c>user_profiles.preference_vector</c> (the spec's 512).</summary>
    public const int Dimensions = MediaGateway.Domain.EntityResolution.Entity.EmbeddingDimensions;
}
