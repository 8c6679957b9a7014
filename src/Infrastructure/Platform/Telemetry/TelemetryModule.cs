using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaGateway.Infrastructure.Platform.Telemetry;

public static class TelemetryModule
{
    /// <summary>The meter factory and the service's instruments; every platform module that counts calls this (once takes).</summary>
    public static IServiceCollection AddMediaGatewayMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<MediaGatewayMetrics>();
        return services;
    }
}
