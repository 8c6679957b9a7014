using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Catalog.Embeddings;

public static class EmbeddingsModule
{
    /// <summary>
    /// The "Embeddings" settings (validated at start), one <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// chosen by <see cref="EmbeddingOptions.Provider"/> (a singleton: MiniLM loads its model once), the
    /// <see cref="ITextEmbedder"/> port over it, and the start-up check of the model's vector size.
    /// </summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());
        services.AddMediaGatewayMetrics();

        services.AddEmbeddingGenerator(sp => CreateGenerator(sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value));
        services.AddSingleton<ITextEmbedder, TextEmbedder>();
        services.AddHostedService<EmbeddingModelCheck>();
        return services;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(EmbeddingOptions options) => options.Provider switch
    {
        EmbeddingProvider.MiniLM => new MiniLmEmbeddingGenerator(),
        EmbeddingProvider.OpenAI => new OpenAICompatibleEmbeddingGenerator(options),
        _ => throw new InvalidOperationException($"Embeddings: Embeddings:Provider '{options.Provider}' is not one of MiniLM, OpenAI."),
    };
}
