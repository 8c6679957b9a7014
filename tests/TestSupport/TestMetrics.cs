using System.Diagnostics.Metrics;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.TestSupport;

/// <summary>Instruments of their own for a test that builds an adapter by hand: no other test sees its measurements.</summary>
public static class TestMetrics
{
    public static MediaGatewayMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
