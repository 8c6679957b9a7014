using MediaGateway.Application.Recommendations;
using MediaGateway.Infrastructure.Platform.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Recommendations;

public static class RecommendationsModule
{
    /// <summary>Interactions, taste profiles and nearest-title search in Postgres; trending on the single-runner worker.</summary>
    public static IServiceCollection AddRecommendationsInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecommendationOptions>().Bind(configuration.GetSection(RecommendationOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VectorSearchOptions>().Bind(configuration.GetSection(VectorSearchOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        // Small, tenant-wide values: a few thousand entries per instance are plenty.
        services.AddTieredCache<CatalogSize>(PostgresRecommendationStore.SizeCacheName, sp => Settings(sp, maxEntries: 10_000));
        services.AddTieredCache<List<TrendingTitle>>(PostgresRecommendationStore.ListCacheName, sp => Settings(sp, maxEntries: 10_000));
        services.AddSingleton<IRecommendationStore>(sp => ActivatorUtilities.CreateInstance<PostgresRecommendationStore>(sp,
            sp.GetRequiredKeyedService<TieredCache<CatalogSize>>(PostgresRecommendationStore.SizeCacheName),
            sp.GetRequiredKeyedService<TieredCache<List<TrendingTitle>>>(PostgresRecommendationStore.ListCacheName)));
        services.AddOptions<InteractionWriterOptions>().Bind(configuration.GetSection(InteractionWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InteractionGroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InteractionGroupCommitWriter>());
        services.AddSingleton<IInteractionStore, PostgresInteractionStore>();
        services.AddSingleton<PreferenceIndexJob>();
        services.AddHostedService(sp => sp.GetRequiredService<PreferenceIndexJob>());
        services.AddSingleton<TrendingJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TrendingJob>());
        return services;
    }

    private static NamedCacheSettings Settings(IServiceProvider services, int maxEntries)
    {
        var seconds = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<VectorSearchOptions>>().Value.CacheSeconds);
        return new NamedCacheSettings(maxEntries, seconds, seconds);
    }
}
