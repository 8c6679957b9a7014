using System.Diagnostics;
using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

/// <summary>
/// The <see cref="ITextEmbedder"/> port over any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: sends texts in
/// batches of <see cref="EmbeddingOptions.BatchSize"/>, refuses any vector that could not be stored or compared (wrong
/// count or size, NaN or infinity, all zeros), and writes each to the column's <see cref="CatalogVectors.Dimensions"/>
/// numbers: zero-padded, scaled to unit length. Padding and scaling leave cosine distances unchanged.
/// </summary>
/// <remarks>
/// The model and its size come from the generator's <see cref="EmbeddingGeneratorMetadata"/>, and every call asks for
/// that size, so <see cref="ModelId"/> ("all-MiniLM-L6-v2/384") names exactly the vectors it answers.
/// </remarks>
public sealed class TextEmbedder : ITextEmbedder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly MediaGatewayMetrics _metrics;
    private readonly EmbeddingGenerationOptions _request;
    private readonly string _model;
    private readonly int _modelDimensions;
    private readonly int _batchSize;
    private readonly KeyValuePair<string, object?> _modelTag;

    public TextEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, IOptions<EmbeddingOptions> options, MediaGatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        _model = metadata?.DefaultModelId
            ?? throw new InvalidOperationException("Embeddings: the embedding generator names no model (EmbeddingGeneratorMetadata.DefaultModelId).");
        _modelDimensions = metadata.DefaultModelDimensions
            ?? throw new InvalidOperationException($"Embeddings: the generator of model '{_model}' states no vector size (EmbeddingGeneratorMetadata.DefaultModelDimensions).");
        if (_modelDimensions is < 1 or > CatalogVectors.Dimensions)
        {
            throw new InvalidOperationException(EmbeddingModelCheck.TooWide(_model, _modelDimensions, asked: false));
        }

        _generator = generator;
        _metrics = metrics;
        _batchSize = options.Value.BatchSize;
        _request = new EmbeddingGenerationOptions { Dimensions = _modelDimensions };
        ModelId = $"{_model}/{_modelDimensions}";
        _modelTag = new KeyValuePair<string, object?>("model", ModelId);
    }

    public string ModelId { get; }

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += _batchSize)
        {
            var batch = new string[Math.Min(_batchSize, texts.Count - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = texts[start + i] ?? throw new ArgumentException($"Text {start + i} is null.", nameof(texts));
            }

            var embeddings = await GenerateAsync(batch, cancellationToken);
            if (embeddings.Count != batch.Length)
            {
                throw new InvalidOperationException(
                    $"Embeddings: model '{_model}' answered {embeddings.Count} vectors for {batch.Length} texts.");
            }

            for (var i = 0; i < batch.Length; i++)
            {
                vectors[start + i] = ToColumn(embeddings[i].Vector.Span, start + i);
            }

            _metrics.EmbeddedTexts.Add(batch.Length, _modelTag);
        }

        return vectors;
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(string[] batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = "error";
        try
        {
            var embeddings = await _generator.GenerateAsync(batch, _request, cancellationToken);
            result = "ok";
            return embeddings;
        }
        finally
        {
            _metrics.EmbeddingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _modelTag, new("result", result));
        }
    }

    /// <summary>The model's vector checked, scaled to unit length and zero-padded to the column's width.</summary>
    private float[] ToColumn(ReadOnlySpan<float> vector, int index)
    {
        if (vector.Length != _modelDimensions)
        {
            throw new InvalidOperationException(
                $"Embeddings: model '{_model}' answered {vector.Length} numbers for text {index}; {ModelId} has {_modelDimensions}.");
        }

        var sumOfSquares = 0d;
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                throw new InvalidOperationException($"Embeddings: model '{_model}' answered a vector with {value} for text {index}.");
            }

            sumOfSquares += (double)value * value;
        }

        if (sumOfSquares == 0)
        {
            throw new InvalidOperationException($"Embeddings: model '{_model}' answered an all-zero vector for text {index}; it has no direction to compare.");
        }

        var scale = 1 / Math.Sqrt(sumOfSquares);
        var column = new float[CatalogVectors.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            column[i] = (float)(vector[i] * scale);
        }

        return column;
    }
}
