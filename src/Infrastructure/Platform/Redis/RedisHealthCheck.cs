using MediaGateway.Infrastructure.Platform.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Platform.Redis;

/// <summary>
/// Redis is an accelerator: when it does not answer the service still serves (caches from L1 and the source,
/// notices to other instances wait), so readiness reports Redis as degraded, never the service as down.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisCircuitBreaker breaker) : IHealthCheck
{
    private const string Degraded = "Redis does not answer: caches answer from memory and Postgres, and other instances hear of changes once it is back.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return breaker.IsOpen
                ? HealthCheckResult.Degraded("Redis answers again; the cache's circuit closes at its next trial call.")
                : HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Degraded(Degraded, exception);
        }
    }
}
