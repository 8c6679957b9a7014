using System.Diagnostics.Metrics;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.TestSupport;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.EntityResolution.EntityHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>The cache tiers: L1 per instance, L2 in Redis shared by instances, Postgres behind both; restarts and Redis faults.</summary>
public sealed class EntityCacheTests : IAsyncLifetime
{
    private const string Tenant = "tenant-cache";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _redisPrefix = RedisTestPrefix.New();
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Lookups_ComeFromL1_ThenL2OnAnotherInstance_ThenPostgresWhenBothAreCold()
    {
        await using var first = await CreateAsync(_database, _redisPrefix);
        await using var second = await CreateAsync(_database, _redisPrefix);
        await using var coldRedis = await CreateAsync(_database, RedisTestPrefix.New());
        var created = await first.ResolveAsync(Tenant, Movie("Tiered", 2000, Imdb("tt1000001")), Ct);
        using var lookups = new LookupRecorder(first, second, coldRedis);

        var fromL1 = await first.ResolveAsync(Tenant, Movie("Tiered", 2000, Imdb("tt1000001")), Ct);
        var l1Counts = lookups.TakeCounts();
        var fromL2 = await second.ResolveAsync(Tenant, Movie("Tiered", 2000, Imdb("tt1000001")), Ct);
        var l2Counts = lookups.TakeCounts();
        var fromPostgres = await coldRedis.ResolveAsync(Tenant, Movie("Tiered", 2000, Imdb("tt1000001")), Ct);
        var postgresCounts = lookups.TakeCounts();

        Assert.All([fromL1, fromL2, fromPostgres], o => Assert.Equal(created.EntityId, o.EntityId));
        Assert.Equal(ResolutionMethod.Cache, fromL1.Method);
        Assert.Equal(ResolutionMethod.Cache, fromL2.Method);
        Assert.Equal(ResolutionMethod.Exact, fromPostgres.Method);
        Assert.Equal(["l1/hit"], l1Counts);
        Assert.Equal(["l1/miss", "l2/hit"], l2Counts);
        Assert.Equal(["l1/miss", "l2/miss", "postgres/hit"], postgresCounts);
        // The Postgres answer was put back into both tiers.
        Assert.NotNull(await coldRedis.Cache.GetAsync(Tenant, Imdb("tt1000001"), Ct));
    }

    [Fact]
    public async Task CachingStore_AnswersCachedIdsFromTheCache_AndAsksPostgresOnlyForTheMisses()
    {
        await using var service = await CreateAsync(_database, RedisTestPrefix.New());
        var created = await service.ResolveAsync(Tenant, Movie("Misses Only", 2006, Imdb("tt1000006")), Ct);
        using var lookups = new LookupRecorder(service);

        var found = await service.Store.FindMappingsAsync(Tenant, [Imdb("tt1000006"), Imdb("tt1000007")], Ct);

        Assert.Equal(["l1/hit", "l1/miss", "l2/miss", "postgres/miss"], lookups.TakeCounts());
        var cached = Assert.Single(found).Value;
        Assert.Equal((created.EntityId, true), (cached.EntityId, cached.FromCache));
    }

    [Fact]
    public async Task Mappings_SurviveARestart()
    {
        Guid entityId;
        await using (var before = await CreateAsync(_database, RedisTestPrefix.New()))
        {
            entityId = (await before.ResolveAsync(Tenant, Movie("Restart Film", 1999, Imdb("tt1000002"), Tmdb(1000002, "movie")), Ct)).EntityId;
        }

        // A new process with an empty Redis: everything must come back from Postgres.
        await using var after = await CreateAsync(_database, RedisTestPrefix.New());
        var outcome = await after.ResolveAsync(Tenant, Movie("Restart Film", 1999, Tmdb(1000002, "movie")), Ct);
        var entity = await after.Store.GetAsync(Tenant, entityId, Ct);

        Assert.Equal(entityId, outcome.EntityId);
        Assert.Equal(ResolutionMethod.Exact, outcome.Method);
        Assert.Equal("Restart Film", entity!.Entity.Title);
        Assert.Equal(2, entity.Mappings.Count);
    }

    [Fact]
    public async Task RedisDown_ResolutionStillAnswersFromPostgres()
    {
        var backing = await BackingServices.GetAsync();
        var redisPort = StackExchange.Redis.ConfigurationOptions.Parse(backing.Redis).EndPoints.Single() switch
        {
            System.Net.DnsEndPoint dns => dns.Port,
            System.Net.IPEndPoint ip => ip.Port,
            var other => throw new InvalidOperationException($"Unexpected Redis endpoint {other}"),
        };
        await using var proxy = new TcpProxy("127.0.0.1", redisPort);
        proxy.Start();
        await using var writer = await CreateAsync(_database, _redisPrefix);
        await using var service = await CreateAsync(_database, _redisPrefix, $"127.0.0.1:{proxy.Port}");
        var created = await writer.ResolveAsync(Tenant, Movie("Redis Down", 2003, Imdb("tt1000003")), Ct);

        proxy.Stop();
        var found = await service.ResolveAsync(Tenant, Movie("Redis Down", 2003, Imdb("tt1000003")), Ct);
        var createdWhileDown = await service.ResolveAsync(Tenant, Movie("Made While Down", 2003, Imdb("tt1000004")), Ct);
        var foundAgain = await service.ResolveAsync(Tenant, Movie("Made While Down", 2003, Imdb("tt1000004")), Ct);

        Assert.Equal(created.EntityId, found.EntityId);
        Assert.Equal(ResolutionMethod.Exact, found.Method);
        Assert.Equal(ResolutionStatus.Created, createdWhileDown.Status);
        Assert.Equal(createdWhileDown.EntityId, foundAgain.EntityId);   // from L1: still serving without Redis
        Assert.Single(await writer.Store.FindMappingsAsync(Tenant, [Imdb("tt1000004")], Ct));
    }

    [Fact]
    public async Task L1_HoldsAtMostItsConfiguredEntries()
    {
        await using var service = await CreateAsync(_database, RedisTestPrefix.New(), settings: new() { ["EntityResolution:Cache:L1MaxEntries"] = "100" });
        var mappings = Enumerable.Range(1, 250).Select(i => new KnownMapping(Tmdb(i, "tv"), Guid.NewGuid(), 1)).ToList();

        foreach (var mapping in mappings)
        {
            await service.Cache.SetManyAsync(Tenant, [mapping], Ct);
        }

        service.Cache.CompactL1();
        Assert.InRange(service.Cache.L1Count, 1, 100);
    }

    [Fact]
    public async Task StartUp_WarmsL1WithTheNewestMappings_AndRefreshPicksUpOtherInstancesChanges()
    {
        await using (var seed = await CreateAsync(_database, RedisTestPrefix.New()))
        {
            for (var i = 0; i < 5; i++)
            {
                await seed.ResolveAsync(Tenant, Movie($"Warm {i}", 2004, Imdb($"tt20000{i:D2}")), Ct);
            }
        }

        var settings = new Dictionary<string, string?>
        {
            ["EntityResolution:Cache:WarmupCount"] = "3",
            ["EntityResolution:Cache:RefreshIntervalSeconds"] = "1",
        };
        await using var service = await CreateAsync(_database, RedisTestPrefix.New(), settings: settings);
        await using var other = await CreateAsync(_database, RedisTestPrefix.New());
        await service.Maintenance.StartAsync(Ct);
        using var lookups = new LookupRecorder(service);

        var warm = await service.Cache.GetAsync(Tenant, Imdb("tt2000004"), Ct);
        var cold = await service.Cache.GetAsync(Tenant, Imdb("tt2000000"), Ct);
        Assert.Equal(["l1/hit", "l1/miss", "l2/miss"], lookups.TakeCounts());
        Assert.NotNull(warm);
        Assert.Null(cold);

        // Another instance raises a mapping's confidence; this instance's L1 follows within the refresh interval.
        var entity = (await other.Store.FindMappingsAsync(Tenant, [Imdb("tt2000004")], Ct)).Single().Value.EntityId;
        await other.Store.SaveAsync(Tenant, [], [new MappingWrite(Tmdb(2004, "movie"), entity, 0.9, ResolutionMethod.Fuzzy)], Ct);
        var refreshed = await WaitForAsync(() => service.Cache.GetAsync(Tenant, Tmdb(2004, "movie"), Ct).AsTask());
        await service.Maintenance.StopAsync(Ct);

        Assert.Equal(new CachedMapping(entity, 0.9), refreshed);
    }

    [Fact]
    public async Task AChangeOnOneInstance_ReachesAnotherInstancesL1WithinASecond_WithoutTheRefresher()
    {
        var settings = new Dictionary<string, string?> { ["EntityResolution:Cache:RefreshIntervalSeconds"] = "3600" };
        await using var writer = await CreateAsync(_database, _redisPrefix, settings: settings);
        await using var reader = await CreateAsync(_database, _redisPrefix, settings: settings);
        var created = await writer.ResolveAsync(Tenant, Movie("Backplane", 2005, Imdb("tt1000005")), Ct);
        var before = await reader.Cache.GetAsync(Tenant, Imdb("tt1000005"), Ct);   // now in the reader's L1

        // The writer stores a new confidence for the id; the reader's L1 copy must go at once, not at the next refresh.
        await writer.Store.SaveAsync(Tenant, [], [new MappingWrite(Tmdb(1000005, "movie"), created.EntityId, 0.9, ResolutionMethod.Fuzzy)], Ct);
        await writer.Cache.SetManyAsync(Tenant, [new KnownMapping(Imdb("tt1000005"), created.EntityId, 0.5)], Ct);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(1);
        CachedMapping? after;
        do
        {
            after = await reader.Cache.GetAsync(Tenant, Imdb("tt1000005"), Ct);
        }
        while (after?.Confidence != 0.5 && TimeProvider.System.GetUtcNow() < deadline);

        Assert.Equal(new CachedMapping(created.EntityId, 1.0), before);
        Assert.Equal(new CachedMapping(created.EntityId, 0.5), after);
        Assert.Equal(new CachedMapping(created.EntityId, 0.9), await reader.Cache.GetAsync(Tenant, Tmdb(1000005, "movie"), Ct));
    }

    [Fact]
    public async Task Maintenance_StoppedAfterTheHostDisposedIt_EndsQuietly()
    {
        await using var service = await CreateAsync(_database, RedisTestPrefix.New(), settings: new() { ["EntityResolution:Cache:RefreshIntervalSeconds"] = "1" });
        await service.Maintenance.StartAsync(Ct);

        service.Maintenance.Dispose();
        var stop = await Record.ExceptionAsync(() => service.Maintenance.StopAsync(Ct));

        Assert.Null(stop);
    }

    private static async Task<CachedMapping?> WaitForAsync(Func<Task<CachedMapping?>> read)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await read() is { } found)
            {
                return found;
            }

            await Task.Delay(100, Ct);
        }

        return null;
    }

    /// <summary>
    /// Records the harnesses' mapping cache reads (cache.requests of "entity-mappings": l1, l2) and Postgres lookups
    /// (entity_resolution.lookups) as "tier/result" strings, in order. Each harness has its own meters, so other
    /// tests running in parallel never show up here.
    /// </summary>
    private sealed class LookupRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _counts = [];

        public LookupRecorder(params EntityHarness[] harnesses)
        {
            var instruments = harnesses.SelectMany(h => new Instrument[] { h.Metrics.CacheRequests, h.Metrics.EntityLookups }).ToHashSet();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instruments.Contains(instrument))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? tier = null, result = null, cache = null;
                foreach (var tag in tags)
                {
                    tier = tag.Key == "tier" ? (string?)tag.Value : tier;
                    result = tag.Key == "result" ? (string?)tag.Value : result;
                    cache = tag.Key == "cache" ? (string?)tag.Value : cache;
                }

                if (cache is not null and not CachingEntityStore.CacheName)
                {
                    return;
                }

                lock (_counts)
                {
                    _counts.AddRange(Enumerable.Repeat($"{tier}/{result}", (int)value));
                }
            });
            _listener.Start();
        }

        public List<string> TakeCounts()
        {
            lock (_counts)
            {
                var taken = _counts.ToList();
                _counts.Clear();
                return taken;
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
