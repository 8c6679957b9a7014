using System.Diagnostics.Metrics;

namespace MediaGateway.Infrastructure.Platform.Telemetry;

/// <summary>
/// The service's own instruments on the "MediaGateway" meter, created through the host's <see cref="IMeterFactory"/>
/// (one singleton per container): a test's container gets meters of its own, so tests that read counters need not
/// run one at a time. The API registers the meter name with OpenTelemetry.
/// </summary>
public sealed class MediaGatewayMetrics
{
    public const string Name = "MediaGateway";

    public MediaGatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        DatabaseRetries = meter.CreateCounter<long>(
            "mediagateway.db.retries", unit: "{retry}", description: "Transient Postgres failures retried with backoff.");
        RedisFailures = meter.CreateCounter<long>(
            "mediagateway.redis.failures", unit: "{failure}", description: "Redis calls that failed or timed out and were degraded.");
        CacheRequests = meter.CreateCounter<long>(
            "mediagateway.cache.requests", unit: "{request}",
            description: "Tiered cache reads per cache (cache = its name), tier (l1, l2) and result (hit, miss, error).");
        EntityLookups = meter.CreateCounter<long>(
            "mediagateway.entity_resolution.lookups", unit: "{lookup}",
            description: "External id lookups per tier (tier = l1, l2, postgres) and outcome (result = hit, miss).");
        GroupCommitWrites = meter.CreateCounter<long>(
            "mediagateway.group_commit.writes", unit: "{write}",
            description: "Writes queued on a group-commit writer (writer = progress, interactions).");
        GroupCommitBatchSizes = meter.CreateHistogram<int>(
            "mediagateway.group_commit.batch_size", unit: "{write}", description: "Writes per flushed batch, per writer.");
        ProgressRows = meter.CreateCounter<long>(
            "mediagateway.progress.rows", unit: "{row}", description: "Progress rows sent to Postgres after coalescing.");
        EmbeddedTexts = meter.CreateCounter<long>(
            "mediagateway.embeddings.texts", unit: "{text}", description: "Texts turned into vectors, per model (model = its ModelId).");
        EmbeddingDuration = meter.CreateHistogram<double>(
            "mediagateway.embeddings.duration", unit: "s",
            description: "Time of one call to the embedding model (one batch of texts), per model and outcome (result = ok, error).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public Counter<long> DatabaseRetries { get; }

    public Counter<long> RedisFailures { get; }

    public Counter<long> CacheRequests { get; }

    public Counter<long> EntityLookups { get; }

    public Counter<long> GroupCommitWrites { get; }

    public Histogram<int> GroupCommitBatchSizes { get; }

    public Counter<long> ProgressRows { get; }

    public Counter<long> EmbeddedTexts { get; }

    public Histogram<double> EmbeddingDuration { get; }
}
