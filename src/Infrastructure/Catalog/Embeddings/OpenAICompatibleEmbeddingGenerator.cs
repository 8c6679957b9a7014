using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

/// <summary>
/// Embeddings from any server that speaks OpenAI's POST /v1/embeddings, through the OpenAI SDK's
/// <see cref="EmbeddingClient"/> (which asks for base64 float32 and decodes it).
/// </summary>
/// <remarks>
/// Not Microsoft.Extensions.AI.OpenAI's <c>AsIEmbeddingGenerator()</c>: version 10.11.0 takes the answer's vectors in
/// the order they arrive and drops their <c>index</c>, and the API pairs vectors with inputs by that index, not by
/// position. A server that answers out of order (several OpenAI-compatible servers have, under batching) would
/// silently file each vector under another text. This adapter places each vector at its index and refuses an answer
/// whose indexes are not exactly 0..n-1.
/// </remarks>
public sealed class OpenAICompatibleEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "openai";

    // Local servers often want no key, but the SDK requires one: this placeholder is sent and ignored.
    private const string NoKey = "unused";

    private static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    private readonly EmbeddingClient _client;
    private readonly string _model;
    private readonly int _dimensions;

    public OpenAICompatibleEmbeddingGenerator(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        var endpoint = options.Endpoint ?? OpenAIEndpoint;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? NoKey : options.ApiKey);
        _client = new OpenAIClient(credential, clientOptions).GetEmbeddingClient(options.Model);
        _model = options.Model;
        _dimensions = options.Dimensions;
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, endpoint, _model, _dimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.ModelId is { } model && model != _model)
        {
            throw new NotSupportedException($"This generator asks for '{_model}', not '{model}'.");
        }

        var texts = values.ToList();
        if (texts.Count == 0)
        {
            return [];
        }

        var request = new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = options?.Dimensions ?? _dimensions };
        OpenAIEmbeddingCollection answer = await _client.GenerateEmbeddingsAsync(texts, request, cancellationToken);

        var ordered = new Embedding<float>[texts.Count];
        foreach (var item in answer)
        {
            if (item.Index < 0 || item.Index >= ordered.Length || ordered[item.Index] is not null)
            {
                throw new InvalidOperationException(
                    $"Embeddings: the server at {Metadata.ProviderUri} answered index {item.Index} twice or outside 0..{ordered.Length - 1} for model '{_model}'.");
            }

            ordered[item.Index] = new Embedding<float>(item.ToFloats()) { ModelId = answer.Model };
        }

        if (answer.Count != ordered.Length)
        {
            throw new InvalidOperationException(
                $"Embeddings: the server at {Metadata.ProviderUri} answered {answer.Count} vectors for {ordered.Length} texts (model '{_model}').");
        }

        var generated = new GeneratedEmbeddings<Embedding<float>>(ordered);
        if (answer.Usage is { } usage)
        {
            generated.Usage = new UsageDetails { InputTokenCount = usage.InputTokenCount, TotalTokenCount = usage.TotalTokenCount };
        }

        return generated;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType == typeof(EmbeddingClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The SDK client holds no resources of its own (it shares a static HttpClient).
    }
}
