using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MediaGateway.Infrastructure.Platform.Telemetry;

/// <summary>The project's own meter and activity source, named "MediaGateway"; the API registers both with OpenTelemetry.</summary>
public static class MediaGatewayMetrics
{
    public const string Name = "MediaGateway";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Counter<long> DatabaseRetries = Meter.CreateCounter<long>(
        "mediagateway.db.retries", unit: "{retry}", description: "Transient Postgres failures retried with backoff.");

    public static readonly Counter<long> RedisFailures = Meter.CreateCounter<long>(
        "mediagateway.redis.failures", unit: "{failure}", description: "Redis calls that failed or timed out and were degraded.");

    public static readonly Counter<long> EntityLookups = Meter.CreateCounter<long>(
        "mediagateway.entity_resolution.lookups", unit: "{lookup}",
        description: "External id lookups per tier (tier = l1, l2, postgres) and outcome (result = hit, miss).");
}
