using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.Platform.Redis;

public static class RedisModule
{
    /// <summary>One multiplexer that never blocks start-up, and Redis in /health/ready (degraded, never down).</summary>
    public static IServiceCollection AddRedisPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMediaGatewayMetrics();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
            RedisConnection.Connect(configuration, sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddTieredCaching(configuration);
        services.AddSingleton<RedisChannelBus>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisChannelBus>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(
            "redis", tags: [DependencyInjection.ReadyTag], timeout: TimeSpan.FromSeconds(2));
        return services;
    }
}
