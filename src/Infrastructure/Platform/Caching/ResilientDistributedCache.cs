using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Platform.Caching;

/// <summary>
/// One named cache's L2: Redis behind a time budget per call and the shared circuit breaker. Every fault
/// (error, timeout, circuit open) is counted and becomes a miss or a skipped write, never an exception, so
/// HybridCache answers from L1 or the source. Reads are counted per cache as l2 hit, miss or error.
/// </summary>
internal sealed class ResilientDistributedCache(
    string cacheName, IDistributedCache redis, RedisCircuitBreaker breaker, TimeSpan budget, MediaGatewayMetrics metrics)
    : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var value = await CallAsync(() => redis.GetAsync(key, token), fallback: null, token);
        if (!IsInternal(key))
        {
            Count(value.Failed ? "error" : value.Result is null ? "miss" : "hit");
        }

        return value.Result;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await CallAsync(async () => { await redis.SetAsync(key, value, options, token); return true; }, fallback: false, token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        await CallAsync(async () => { await redis.RefreshAsync(key, token); return true; }, fallback: false, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await CallAsync(async () => { await redis.RemoveAsync(key, token); return true; }, fallback: false, token);

    private async Task<(T Result, bool Failed)> CallAsync<T>(Func<Task<T>> call, T fallback, CancellationToken token)
    {
        if (!breaker.TryEnter())
        {
            return (fallback, true);
        }

        try
        {
            // A hung Redis holds the call until the multiplexer's own timeout; the caller waits only the budget.
            var result = await call().WaitAsync(budget, token);
            breaker.Succeeded();
            return (result, false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            metrics.RedisFailures.Add(1);
            breaker.Failed(exception);
            return (fallback, true);
        }
        catch
        {
            // Mostly the caller's cancellation: it says nothing about Redis, but the breaker must hear that the call is over.
            breaker.Abandoned();
            throw;
        }
    }

    private void Count(string result) =>
        metrics.CacheRequests.Add(1, new("cache", cacheName), new("tier", "l2"), new("result", result));

    // HybridCache keeps its own bookkeeping (tag invalidation times) in L2 under keys of its own.
    private static bool IsInternal(string key) => key.StartsWith("__", StringComparison.Ordinal);
}
