using MediaGateway.Application.EntityResolution;
using MediaGateway.Infrastructure.Platform.Redis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.EntityResolution;

public static class EntityResolutionModule
{
    public static IServiceCollection AddEntityResolutionInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EntityResolutionOptions>().Bind(configuration.GetSection(EntityResolutionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EntityCacheOptions>().Bind(configuration.GetSection(EntityCacheOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEntityStore, PostgresEntityStore>();

        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>(
            (cache, redis, redisOptions) =>
            {
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                cache.InstanceName = redisOptions.Value.KeyPrefix;
            });
        services.AddStackExchangeRedisCache(_ => { });
        services.AddSingleton<EntityMappingCache>();
        services.AddSingleton<IEntityMappingCache>(sp => sp.GetRequiredService<EntityMappingCache>());
        services.AddSingleton<EntityCacheMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<EntityCacheMaintenance>());
        return services;
    }
}
