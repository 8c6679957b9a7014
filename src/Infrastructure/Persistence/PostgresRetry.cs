using MediaGateway.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace MediaGateway.Infrastructure.Persistence;

/// <summary>
/// Retries transient Postgres failures (network drop, server restart, pool acquire timeout) with exponential
/// backoff and jitter. EF Core has its own execution strategy with the same settings; this one serves start-up
/// and raw Npgsql adapters.
/// </summary>
public static class PostgresRetry
{
    public static ResiliencePipeline Create(DatabaseOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient).Handle<TimeoutException>(),
                OnRetry = args =>
                {
                    MediaGatewayMetrics.DatabaseRetries.Add(1);
                    logger.LogWarning(args.Outcome.Exception, "Postgres call failed; retry {Attempt} in {Delay}",
                        args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    // Connection refused while the server restarts is an NpgsqlException with a SocketException inside, which
    // Npgsql already marks transient; "the database system is starting up" (57P03) and admin shutdown are too.
    private static bool IsTransient(NpgsqlException exception) =>
        exception.IsTransient || exception is PostgresException { SqlState: "57P01" or "57P03" or "53300" };
}
