using System.ComponentModel.DataAnnotations;
using MediaGateway.Application.Catalog;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 in process (ONNX Runtime on the CPU); the model ships inside a package.</summary>
    MiniLM,

    /// <summary>Any server that speaks OpenAI's POST /v1/embeddings: OpenAI itself, or a local one.</summary>
    OpenAI,
}

/// <summary>Which model turns catalog text into vectors (section "Embeddings").</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.MiniLM;

    /// <summary>
    /// OpenAI: the API's base address with its version path (e.g. <c>http://127.0.0.1:8080/v1</c>; requests go to
    /// <c>{Endpoint}/embeddings</c>). Empty: OpenAI's own service.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>OpenAI: the model name the server knows (required). MiniLM: empty, or <c>all-MiniLM-L6-v2</c>.</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI: the bearer key. Optional for a server of your own (many local servers need none).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// OpenAI: the vector size asked of the server (the request's <c>dimensions</c>); at most the column's 512.
    /// MiniLM always makes 384 and ignores this.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int Dimensions { get; set; } = CatalogVectors.Dimensions;

    /// <summary>Most texts sent to the model in one call; a longer list is split.</summary>
    [Range(1, 2048)]
    public int BatchSize { get; set; } = 64;

    /// <summary>OpenAI: how long one request may take, and the start-up check with it.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The rules between settings, each failure naming the setting to change.</summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        var failures = new List<string>();
        switch (options.Provider)
        {
            case EmbeddingProvider.MiniLM:
                if (!string.IsNullOrEmpty(options.Model) && options.Model != MiniLmEmbeddingGenerator.ModelName)
                {
                    failures.Add(
                        $"Embeddings: the MiniLM provider runs {MiniLmEmbeddingGenerator.ModelName} only, not '{options.Model}'. " +
                        "Leave Embeddings:Model empty, or set Embeddings:Provider to OpenAI to use a model server.");
                }

                break;

            case EmbeddingProvider.OpenAI:
                if (string.IsNullOrWhiteSpace(options.Model))
                {
                    failures.Add("Embeddings: Embeddings:Model is required when Embeddings:Provider is OpenAI.");
                }

                if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
                {
                    failures.Add($"Embeddings: Embeddings:Endpoint '{endpoint}' is not an absolute http(s) address such as http://127.0.0.1:8080/v1.");
                }

                if (options.Endpoint is null && string.IsNullOrEmpty(options.ApiKey))
                {
                    failures.Add("Embeddings: Embeddings:ApiKey is required for OpenAI's own service; set Embeddings:Endpoint to use a server that needs none.");
                }

                if (options.Dimensions > CatalogVectors.Dimensions)
                {
                    failures.Add(EmbeddingModelCheck.TooWide(options.Model ?? "?", options.Dimensions, asked: true));
                }

                break;

            default:
                failures.Add($"Embeddings: Embeddings:Provider '{options.Provider}' is not one of MiniLM, OpenAI.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
