using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.Infrastructure.Platform.Redis;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Platform.Caching;

public static class CachingModule
{
    /// <summary>What every named cache shares: the Redis L2 client, the circuit breaker, the settings of section "Cache".</summary>
    public static IServiceCollection AddTieredCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisCircuitBreaker>();
        services.AddSingleton(sp => new SharedRedisL2(new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            InstanceName = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix,
        }))));
        return services;
    }

    /// <summary>
    /// Registers the named cache <paramref name="name"/> of <typeparamref name="T"/> (resolve it with
    /// <c>GetRequiredKeyedService&lt;TieredCache&lt;T&gt;&gt;(name)</c> or <c>[FromKeyedServices(name)]</c>). Values go to
    /// Redis as JSON unless a <paramref name="serializer"/> is given.
    /// </summary>
    public static IServiceCollection AddTieredCache<T>(
        this IServiceCollection services, string name, Func<IServiceProvider, NamedCacheSettings> settings,
        IHybridCacheSerializer<T>? serializer = null)
        where T : class
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Cache name '{name}' must be lower-case letters, digits and dashes.", nameof(name));
        }

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<CacheOptions>>().Value;
            var metrics = sp.GetRequiredService<MediaGatewayMetrics>();
            var l2 = new ResilientDistributedCache(
                name, sp.GetRequiredService<SharedRedisL2>().Cache, sp.GetRequiredService<RedisCircuitBreaker>(),
                TimeSpan.FromMilliseconds(options.L2TimeoutMilliseconds), metrics);

            // HybridCache takes its L2 from its container: one container per named cache, so each has its own.
            var hybridServices = new ServiceCollection()
                .AddSingleton(sp.GetRequiredService<ILoggerFactory>())
                .AddSingleton<IDistributedCache>(l2);
            var hybrid = hybridServices.AddHybridCache(o => o.DisableCompression = true);
            if (serializer is not null)
            {
                hybrid.AddSerializer(serializer);
            }

            var provider = hybridServices.BuildServiceProvider();
            return new TieredCache<T>(
                name, settings(sp), provider.GetRequiredService<HybridCache>(), sp.GetRequiredService<RedisChannelBus>(), metrics, provider);
        });
        return services;
    }

    /// <summary>The one Redis client of every named cache's L2; wrapped per cache by <see cref="ResilientDistributedCache"/>.</summary>
    internal sealed record SharedRedisL2(IDistributedCache Cache);
}
