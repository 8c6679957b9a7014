using System.Diagnostics.Metrics;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// Entity resolution's instruments on the service's "MediaGateway" meter, through the host's
/// <see cref="IMeterFactory"/> (registered by Infrastructure's telemetry module, beside the meter's other instruments).
/// </summary>
public sealed class EntityResolutionMetrics
{
    public EntityResolutionMetrics(IMeterFactory meterFactory) =>
        Ambiguous = meterFactory.Create("MediaGateway").CreateCounter<long>(
            "mediagateway.entity_resolution.ambiguous",
            description: "Resolutions without a year that matched two or more entities about equally, and so created a new one");

    /// <summary>Requests without a year that matched two stored entities about equally, and so linked to neither.</summary>
    public Counter<long> Ambiguous { get; }
}
