using MediaGateway.Application.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.EntityResolution;

public static class EntityResolutionModule
{
    /// <summary>The tiered cache of external id → entity mappings.</summary>
    public const string MappingCacheName = "entity-mappings";

    /// <summary>The entity store and the merge and split store in Postgres behind the "entity-mappings" tiered cache, and the cache's warm-up.</summary>
    public static IServiceCollection AddEntityResolutionInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EntityResolutionOptions>().Bind(configuration.GetSection(EntityResolutionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EntityCacheOptions>().Bind(configuration.GetSection(EntityCacheOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddTieredCache(CachingEntityStore.CacheName, sp =>
        {
            var cache = sp.GetRequiredService<IOptions<EntityCacheOptions>>().Value;
            return new NamedCacheSettings(
                cache.L1MaxEntries, TimeSpan.FromSeconds(cache.L1ExpirationSeconds), TimeSpan.FromSeconds(cache.L2ExpirationSeconds));
        }, new CachedMapping.Serializer());
        services.AddSingleton<PostgresEntityStore>();
        services.AddSingleton<IEntityStore>(sp => new CachingEntityStore(
            sp.GetRequiredService<PostgresEntityStore>(),
            sp.GetRequiredKeyedService<TieredCache<CachedMapping>>(CachingEntityStore.CacheName)));
        services.AddSingleton<PostgresEntityChangeStore>();
        services.AddSingleton<IEntityChangeStore>(sp => new CachingEntityChangeStore(
            sp.GetRequiredService<PostgresEntityChangeStore>(),
            sp.GetRequiredKeyedService<TieredCache<CachedMapping>>(CachingEntityStore.CacheName)));

        services.AddMediaGatewayMetrics();
        services.TryAddSingleton<EntityResolutionMetrics>();
        services.AddSingleton<TitleBandsJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TitleBandsJob>());
        services.AddSingleton<EntityCacheMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<EntityCacheMaintenance>());
        return services;
    }
}
