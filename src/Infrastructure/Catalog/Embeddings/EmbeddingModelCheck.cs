using System.ClientModel;
using MediaGateway.Application.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

/// <summary>
/// At start-up: refuse to start when the configured model's vectors do not fit the catalog column, with one message
/// naming the setting to change. MiniLM's size is known (384), so its model is not loaded for this. An OpenAI-compatible
/// server is asked for one short text, since a server may ignore the requested <c>dimensions</c>: an answer wider than
/// the column, or of another size than <see cref="EmbeddingOptions.Dimensions"/>, stops the start; so does a refusal
/// that only configuration can fix (401, 403, 404, other 4xx). A server that is down or slow does not: the service
/// starts, the error is logged, and every answer is still checked when texts are embedded.
/// </summary>
/// <remarks>Embeddings:Dimensions above 512 never reaches this check: options validation (ValidateOnStart) stops first, with the same message.</remarks>
internal sealed class EmbeddingModelCheck(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IOptions<EmbeddingOptions> options,
    ILogger<EmbeddingModelCheck> logger) : IHostedService
{
    private const string ProbeText = "MediaGateway embedding check";

    public static string TooWide(string model, int dimensions, bool asked) =>
        $"Embeddings: model '{model}' {(asked ? "is asked for" : "makes")} {dimensions}-dimensional vectors; the catalog column holds {CatalogVectors.Dimensions}. " +
        $"Set Embeddings:Dimensions to {CatalogVectors.Dimensions} or less, or choose another model.";

    public static string OtherSize(string model, int answered, int configured) =>
        $"Embeddings: model '{model}' answered {answered}-dimensional vectors, but Embeddings:Dimensions is {configured} " +
        $"(the server ignores the requested size). Set Embeddings:Dimensions to {answered}, or choose another model.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var model = metadata?.DefaultModelId ?? settings.Model ?? "?";
        if (metadata?.DefaultModelDimensions is { } stated && stated > CatalogVectors.Dimensions)
        {
            throw new InvalidOperationException(TooWide(model, stated, asked: settings.Provider == EmbeddingProvider.OpenAI));
        }

        if (settings.Provider != EmbeddingProvider.OpenAI)
        {
            logger.LogInformation("Embeddings: {Model} in process, {Dimensions} dimensions; the model loads on first use", model, metadata?.DefaultModelDimensions);
            return;
        }

        var answered = await ProbeAsync(model, settings, cancellationToken);
        if (answered is null)
        {
            return;
        }

        if (answered > CatalogVectors.Dimensions)
        {
            throw new InvalidOperationException(TooWide(model, answered.Value, asked: false));
        }

        if (answered != settings.Dimensions)
        {
            throw new InvalidOperationException(OtherSize(model, answered.Value, settings.Dimensions));
        }

        logger.LogInformation("Embeddings: model {Model} at {Endpoint} answers {Dimensions}-dimensional vectors", model, metadata?.ProviderUri, answered);
    }

    /// <summary>The size of the server's vector for one text, or null when the server could not be asked now.</summary>
    private async Task<int?> ProbeAsync(string model, EmbeddingOptions settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            var answer = await generator.GenerateAsync([ProbeText], new EmbeddingGenerationOptions { Dimensions = settings.Dimensions }, timeout.Token);
            return answer.Count == 1
                ? answer[0].Vector.Length
                : throw new InvalidOperationException($"Embeddings: model '{model}' answered {answer.Count} vectors for one text at start-up.");
        }
        catch (ClientResultException exception) when (exception.Status is >= 400 and < 500 and not 408 and not 429)
        {
            throw new InvalidOperationException(
                $"Embeddings: the server at {settings.Endpoint?.ToString() ?? "OpenAI"} refused model '{model}' with HTTP {exception.Status}. " +
                "Check Embeddings:Model, Embeddings:ApiKey and Embeddings:Endpoint.", exception);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            logger.LogError(
                exception,
                "Embeddings: the server at {Endpoint} did not answer the start-up check for model {Model}; starting anyway, texts fail to embed until it answers",
                settings.Endpoint, model);
            return null;
        }
    }

    /// <summary>
    /// Down, slow or overloaded: the kinds of failure that may pass by themselves. The SDK's retries end in an
    /// AggregateException of the attempts' failures.
    /// </summary>
    private static bool IsUnavailable(Exception exception, CancellationToken stopping) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsUnavailable(inner, stopping)),
        ClientResultException result => result.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException => true,
        OperationCanceledException => !stopping.IsCancellationRequested,
        _ => false,
    };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
