using System.Diagnostics.Metrics;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.Infrastructure.Platform.Redis;
using MediaGateway.Infrastructure.Platform.Telemetry;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.IntegrationTests.Platform;

/// <summary>What the tests cache: an immutable record, as the cache requires.</summary>
internal sealed record Item(string Value);

/// <summary>
/// One service instance as far as the Redis platform goes: AddLogging + AddRedisPlatform over a Redis key prefix,
/// with named caches of <see cref="Item"/>. Two harnesses with the same prefix are two instances of one deployment
/// (shared L2, shared channel bus); each has its own container, so its own L1, breaker and meters.
/// </summary>
internal sealed class PlatformHarness : IAsyncDisposable
{
    public const string Items = "items";

    /// <summary>The default cache: room for everything a test puts in it, lifetimes no test waits for.</summary>
    public static readonly NamedCacheSettings Roomy = new(10_000, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    private readonly ServiceProvider _services;

    private PlatformHarness(ServiceProvider services, string prefix)
    {
        _services = services;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public TieredCache<Item> Cache => Named(Items);

    public RedisChannelBus Bus => _services.GetRequiredService<RedisChannelBus>();

    public RedisCircuitBreaker Breaker => _services.GetRequiredService<RedisCircuitBreaker>();

    public MediaGatewayMetrics Metrics => _services.GetRequiredService<MediaGatewayMetrics>();

    public IConnectionMultiplexer Redis => _services.GetRequiredService<IConnectionMultiplexer>();

    /// <param name="prefix">Redis key prefix: the same for every instance of one simulated deployment.</param>
    /// <param name="redis">Connection string, when Redis is reached through a <see cref="TcpProxy"/>.</param>
    /// <param name="settings">Configuration values over the defaults (e.g. "Cache:FailuresToBreak").</param>
    /// <param name="time">The clock of the circuit breaker; the system clock when null.</param>
    /// <param name="caches">Named caches of <see cref="Item"/>; one "items" cache with <see cref="Roomy"/> when empty.</param>
    public static async Task<PlatformHarness> CreateAsync(
        string prefix, string? redis = null, Dictionary<string, string?>? settings = null, TimeProvider? time = null,
        params (string Name, NamedCacheSettings Settings)[] caches)
    {
        var backing = await BackingServices.GetAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis ?? backing.Redis,
            ["Redis:KeyPrefix"] = prefix,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);   // AddRedisPlatform only adds the system clock when none is registered
        }

        services.AddRedisPlatform(configuration);
        if (caches.Length == 0)
        {
            caches = [(Items, Roomy)];
        }

        foreach (var (name, cacheSettings) in caches)
        {
            services.AddTieredCache<Item>(name, _ => cacheSettings);
        }

        var harness = new PlatformHarness(services.BuildServiceProvider(), prefix);
        foreach (var (name, _) in caches)
        {
            _ = harness.Named(name);   // each cache subscribes to its invalidations when it is created
        }

        // Any awaited subscription waits for the process's one Redis subscription, which the caches share.
        using (await harness.Bus.SubscribeAsync("harness", "ready", static _ => { }))
        {
        }

        return harness;
    }

    public TieredCache<Item> Named(string name) => _services.GetRequiredKeyedService<TieredCache<Item>>(name);

    /// <summary>The full Redis key an entry of <paramref name="cache"/> is written under.</summary>
    public string RedisKey(string tenant, string key, string cache = Items) => Prefix + CacheKeys.For(tenant, cache, key);

    /// <summary>Every key under this deployment's prefix, listed with SCAN (never KEYS).</summary>
    public async Task<List<string>> ScanKeysAsync()
    {
        var database = Redis.GetDatabase();
        var keys = new List<string>();
        var cursor = "0";
        do
        {
            var reply = (RedisResult[])(await database.ExecuteAsync("SCAN", cursor, "MATCH", Prefix + "*", "COUNT", 1000))!;
            cursor = (string)reply[0]!;
            keys.AddRange(((RedisResult[])reply[1]!).Select(k => (string)k!));
        }
        while (cursor != "0");

        return keys;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>A proxy in front of the test Redis, to cut it (Stop) or hang it (Pause) for one harness only.</summary>
    public static async Task<TcpProxy> ProxyToRedisAsync()
    {
        var backing = await BackingServices.GetAsync();
        var port = ConfigurationOptions.Parse(backing.Redis).EndPoints.Single() switch
        {
            System.Net.DnsEndPoint dns => dns.Port,
            System.Net.IPEndPoint ip => ip.Port,
            var other => throw new InvalidOperationException($"Unexpected Redis endpoint {other}"),
        };
        return new TcpProxy("127.0.0.1", port);
    }
}

/// <summary>
/// Counts one harness's cache requests (per cache, tier and result) and Redis failures. Each harness has meters of
/// its own, so tests running in parallel never show up here.
/// </summary>
internal sealed class CacheCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
    private long _redisFailures;

    public CacheCounters(PlatformHarness harness)
    {
        var requests = harness.Metrics.CacheRequests;
        var failures = harness.Metrics.RedisFailures;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, requests) || ReferenceEquals(instrument, failures))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (ReferenceEquals(instrument, failures))
            {
                Interlocked.Add(ref _redisFailures, value);
                return;
            }

            string? cache = null, tier = null, result = null;
            foreach (var tag in tags)
            {
                cache = tag.Key == "cache" ? (string?)tag.Value : cache;
                tier = tag.Key == "tier" ? (string?)tag.Value : tier;
                result = tag.Key == "result" ? (string?)tag.Value : result;
            }

            lock (_requests)
            {
                var name = $"{cache}/{tier}/{result}";
                _requests[name] = _requests.GetValueOrDefault(name) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>mediagateway.redis.failures so far.</summary>
    public long RedisFailures => Interlocked.Read(ref _redisFailures);

    /// <summary>mediagateway.cache.requests so far with these tags.</summary>
    public long Requests(string tier, string result, string cache = PlatformHarness.Items)
    {
        lock (_requests)
        {
            return _requests.GetValueOrDefault($"{cache}/{tier}/{result}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
