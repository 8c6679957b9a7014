using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>
/// Retries transient Postgres failures (network drop, server restart, pool acquire timeout) with exponential
/// backoff and jitter. EF Core has its own execution strategy with the same settings; this one serves start-up
/// and raw Npgsql adapters, which share this one pipeline.
/// </summary>
public sealed class PostgresRetry(IOptions<DatabaseOptions> options, MediaGatewayMetrics metrics, ILogger<PostgresRetry> logger)
{
    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.Value.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(options.Value.RetryBaseDelayMilliseconds),
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient).Handle<TimeoutException>(),
            OnRetry = args =>
            {
                metrics.DatabaseRetries.Add(1);
                logger.LogWarning(args.Outcome.Exception, "Postgres call failed; retry {Attempt} in {Delay}",
                    args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    // Connection refused while the server restarts is an NpgsqlException with a SocketException inside, which
    // Npgsql already marks transient; so are "starting up" (57P03), admin shutdown (57P01), too many
    // connections (53300), and a deadlock or serialization failure (40P01, 40001) that rolled a transaction back.
    private static bool IsTransient(NpgsqlException exception) =>
        exception.IsTransient || exception is PostgresException { SqlState: "57P01" or "57P03" or "53300" or "40P01" or "40001" };
}
