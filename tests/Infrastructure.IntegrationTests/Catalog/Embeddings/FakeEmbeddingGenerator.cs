using Microsoft.Extensions.AI;

namespace MediaGateway.Infrastructure.IntegrationTests.Catalog.Embeddings;

/// <summary>A generator that answers what the test says, for the checks of <c>TextEmbedder</c>; it records each batch.</summary>
internal sealed class FakeEmbeddingGenerator(string model, int dimensions, Func<IReadOnlyList<string>, float[][]> answer)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly List<IReadOnlyList<string>> _batches = [];

    public IReadOnlyList<IReadOnlyList<string>> Batches => _batches;

    public EmbeddingGeneratorMetadata Metadata { get; } = new("fake", null, model, dimensions);

    /// <summary>A generator whose vector for text i is <c>[i + 1, 1, 0, …]</c>.</summary>
    public static FakeEmbeddingGenerator Counting(int dimensions = 8) =>
        new("fake-model", dimensions, texts => texts.Select((_, i) => Vector(dimensions, i + 1, 1)).ToArray());

    public static float[] Vector(int dimensions, params float[] head)
    {
        var vector = new float[dimensions];
        head.CopyTo(vector, 0);
        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        _batches.Add(texts);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(answer(texts).Select(v => new Embedding<float>(v))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
