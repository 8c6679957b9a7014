using System.Diagnostics;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Platform.PlatformHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Platform;

/// <summary>The key scheme on its own: no tenant id, however crafted, yields another tenant's key, scope or hash tag.</summary>
public sealed class CacheKeysTests
{
    // Ids that would break an unescaped scheme: braces end or open the hash tag, colons end the tenant part,
    // percent signs imitate the escapes themselves.
    private static readonly string[] CraftedTenants =
    [
        "t1", "t1}", "{t1}", "t1:", ":t1", "}t1", "a}b", "a:b", "a}b:c", "{x}", "x", "%7D", "%7Dx", "}", "{", "}{", ":", "::",
        "%", "%25", "%7B", "%3A", "a%7Db", "a%7Db%3Ac", "t1%7D", "t1}:items:x", "t1}:items", "%257D", "",
    ];

    private static readonly string[] Keys = ["x", "", ":", "}", "{", "items:x", "{t1}:items:x", "tag:x"];

    [Fact]
    public void For_DistinctTenants_NeverShareAKeyOrTheStartOfOne()
    {
        var tenants = CraftedTenants.Concat(RandomTenants(2000)).Distinct(StringComparer.Ordinal).ToList();
        var keysByTenant = tenants.ToDictionary(
            t => t, t => Keys.Select(k => CacheKeys.For(t, "items", k)).Append(CacheKeys.Tag(t, "items", "x")).ToList(), StringComparer.Ordinal);

        var all = keysByTenant.SelectMany(p => p.Value.Select(key => (Tenant: p.Key, Key: key))).ToList();
        var shared = all.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Select(e => e.Tenant).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, $"keys shared by tenants: {string.Join(", ", shared.Select(g => g.Key))}");

        // No tenant's scope ("v1:{tenant}") starts a key of another: a prefix match or a SCAN over one tenant never reaches another.
        foreach (var tenant in CraftedTenants)
        {
            var scope = $"{CacheKeys.Version}:{{{CacheKeys.EscapeTenant(tenant)}}}";
            var intruders = all.Where(e => e.Tenant != tenant && e.Key.StartsWith(scope, StringComparison.Ordinal)).ToList();
            Assert.True(intruders.Count == 0, $"'{tenant}' scope {scope} starts {string.Join(", ", intruders)}");
        }
    }

    [Fact]
    public void For_TheHashTagIsExactlyTheEscapedTenant_WhichGivesTheTenantBack()
    {
        foreach (var tenant in CraftedTenants.Concat(RandomTenants(2000)))
        {
            var escaped = CacheKeys.EscapeTenant(tenant);

            Assert.Equal(escaped, HashTag(CacheKeys.For(tenant, "items", "{k}:x}")));
            Assert.Equal(escaped, HashTag(CacheKeys.Tag(tenant, "items", "{g}")));
            Assert.True(escaped.AsSpan().IndexOfAny("{}:") < 0, $"'{tenant}' escapes to '{escaped}'");
            // Percent-encoding of '%' and the three separators: reversible, so two tenants never share it.
            Assert.Equal(tenant, Uri.UnescapeDataString(escaped));
        }

        Assert.Equal("v1:{a%7Db%3Ac}:items:x", CacheKeys.For("a}b:c", "items", "x"));
        Assert.Equal("v1:{%257D}:items:x", CacheKeys.For("%7D", "items", "x"));
        Assert.Equal("v1:{t1}:items:tag:g", CacheKeys.Tag("t1", "items", "g"));
    }

    [Fact]
    public void ScopeOf_AKeyOrTag_IsItsTenantAndCache_WhateverTheKeyOrTagHolds()
    {
        foreach (var tenant in CraftedTenants.Concat(RandomTenants(500)))
        {
            var scope = CacheKeys.Scope(tenant, "items");
            foreach (var key in Keys)
            {
                Assert.Equal(scope, CacheKeys.ScopeOf(CacheKeys.For(tenant, "items", key)));
                Assert.Equal(scope, CacheKeys.ScopeOf(CacheKeys.Tag(tenant, "items", key)));
            }
        }
    }

    /// <summary>Redis Cluster's hash tag: what lies between the first '{' and the first '}' after it.</summary>
    internal static string HashTag(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : key.IndexOf('}', open + 1);
        return close < 0 ? throw new InvalidOperationException($"'{key}' has no hash tag") : key[(open + 1)..close];
    }

    // Short strings over the characters that matter, with a fixed seed so a failure can be replayed.
    private static IEnumerable<string> RandomTenants(int count)
    {
        const string alphabet = "{}:%7DBA3a25t";
        var random = new Random(20240607);
        for (var i = 0; i < count; i++)
        {
            var chars = new char[random.Next(0, 8)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            yield return new string(chars);
        }
    }
}

/// <summary>
/// The tiered cache against the real Redis: bounded L1 per named cache, tenant-scoped keys, per-entry lifetimes,
/// Redis cut (circuit breaker) or hung (time budget), and L1 invalidation across instances (backplane). Each test
/// has a Redis key prefix of its own; harnesses on one prefix are instances of one deployment.
/// </summary>
public sealed class TieredCacheTests
{
    private const string Tenant = "tenant-tiered";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BackplaneDeadline = TimeSpan.FromSeconds(1);

    private readonly string _prefix = RedisTestPrefix.New();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task L1_EachNamedCacheStaysWithinItsOwnLimit_AndFillingOneEvictsNothingOfAnother()
    {
        var small = new NamedCacheSettings(10, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var large = new NamedCacheSettings(100, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await using var service = await CreateAsync(_prefix, caches: [("small", small), ("large", large)]);
        var (smallCache, largeCache) = (service.Named("small"), service.Named("large"));

        // L1 only (SetLocal writes nothing to Redis), so a later read that finds them found them in L1.
        for (var i = 0; i < 60; i++)
        {
            largeCache.SetLocal(Tenant, $"keep-{i}", new Item($"kept {i}"));
        }

        for (var i = 0; i < 300; i++)
        {
            await smallCache.SetAsync(Tenant, $"fill-{i}", new Item($"filler {i}"), null, Ct);
        }

        smallCache.CompactL1();
        largeCache.CompactL1();

        Assert.InRange(smallCache.L1Count, 1, small.L1MaxEntries);
        Assert.Equal(60, largeCache.L1Count);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(new Item($"kept {i}"), await largeCache.GetAsync(Tenant, $"keep-{i}", Ct));
        }
    }

    [Fact]
    public async Task Tenants_AnEntryIsSeenOnlyByItsTenant_AndItsRedisKeyCarriesTheTenantAsHashTag()
    {
        await using var writer = await CreateAsync(_prefix);
        await using var reader = await CreateAsync(_prefix);   // cold L1: whatever it finds comes from Redis
        await writer.Cache.SetAsync("t1", "x", new Item("t1's"), null, Ct);
        await writer.Cache.SetAsync("a}b:c", "x", new Item("crafted's"), null, Ct);

        string[] crafted = ["t1}", "{t1}", "t1:", ":t1", "}t1", "t1%7D", "%7Bt1%7D", "t1%", "T1", "t", "", "t1}:items:x", "a", "a}b", "a%7Db%3Ac", "a}b:c}"];
        foreach (var tenant in crafted)
        {
            Assert.Null(await writer.Cache.GetAsync(tenant, "x", Ct));
            Assert.Null(await reader.Cache.GetAsync(tenant, "x", Ct));
        }

        Assert.Equal(new Item("t1's"), await reader.Cache.GetAsync("t1", "x", Ct));
        Assert.Equal(new Item("crafted's"), await reader.Cache.GetAsync("a}b:c", "x", Ct));

        var keys = await writer.ScanKeysAsync();
        Assert.Equal([_prefix + "v1:{a%7Db%3Ac}:items:x", _prefix + "v1:{t1}:items:x"], keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a%7Db%3Ac", "t1"], keys.Select(CacheKeysTests.HashTag).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ttl_AnEntrysOwnL1Lifetime_EndsItsL1Copy_WhileL2StillServesIt()
    {
        await using var service = await CreateAsync(_prefix);
        using var counters = new CacheCounters(service);
        var lifetime = TimeSpan.FromMilliseconds(500);
        var clock = Stopwatch.StartNew();
        await service.Cache.SetAsync(Tenant, "short-l1", new Item("v"), new CacheEntry(L1Expiration: lifetime), Ct);

        var servedFromL2 = await Eventually.TrueAsync(async () =>
        {
            var l2Hits = counters.Requests("l2", "hit");
            Assert.Equal(new Item("v"), await service.Cache.GetAsync(Tenant, "short-l1", Ct));
            return counters.Requests("l2", "hit") > l2Hits;
        }, Deadline, Ct);
        var elapsed = clock.Elapsed;

        Assert.True(servedFromL2, "the L1 copy outlived its own lifetime (the cache's default is an hour)");
        Assert.True(elapsed >= lifetime * 0.9, $"the L1 copy was gone after {elapsed.TotalMilliseconds} ms, before its lifetime");
    }

    [Fact]
    public async Task Ttl_AnEntrysOwnL2Lifetime_IsItsRedisKeysTtl_AndTheEntryLeavesRedisWithIt()
    {
        await using var writer = await CreateAsync(_prefix);
        var redis = writer.Redis.GetDatabase();
        await writer.Cache.SetAsync(Tenant, "default", new Item("d"), null, Ct);
        await writer.Cache.SetAsync(Tenant, "two-minutes", new Item("m"), new CacheEntry(L2Expiration: TimeSpan.FromMinutes(2)), Ct);

        var defaultTtl = await redis.KeyTimeToLiveAsync(writer.RedisKey(Tenant, "default"));
        var entryTtl = await redis.KeyTimeToLiveAsync(writer.RedisKey(Tenant, "two-minutes"));
        Assert.InRange(defaultTtl.GetValueOrDefault(), Roomy.L2Expiration - TimeSpan.FromMinutes(1), Roomy.L2Expiration);
        Assert.InRange(entryTtl.GetValueOrDefault(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        var lifetime = TimeSpan.FromMilliseconds(1000);
        var key = writer.RedisKey(Tenant, "short-l2");
        var clock = Stopwatch.StartNew();
        await writer.Cache.SetAsync(Tenant, "short-l2", new Item("s"), new CacheEntry(L2Expiration: lifetime), Ct);
        var gone = await Eventually.TrueAsync(async () => !await redis.KeyExistsAsync(key), Deadline, Ct);
        var elapsed = clock.Elapsed;
        await using var cold = await CreateAsync(_prefix);

        Assert.True(gone, "the Redis key outlived the entry's L2 lifetime");
        Assert.True(elapsed >= lifetime * 0.9, $"the Redis key was gone after {elapsed.TotalMilliseconds} ms, before its lifetime");
        Assert.Null(await cold.Cache.GetAsync(Tenant, "short-l2", Ct));
        Assert.Equal(new Item("m"), await cold.Cache.GetAsync(Tenant, "two-minutes", Ct));
    }

    [Fact]
    public async Task RedisDown_AnswersFromTheSource_CountsErrors_OpensTheCircuit_AndATrialCallClosesItOnceRedisIsBack()
    {
        var time = new FakeTimeProvider();
        await using var proxy = await ProxyToRedisAsync();
        await using var writer = await CreateAsync(_prefix);
        var settings = new Dictionary<string, string?>
        {
            ["Cache:FailuresToBreak"] = "3",
            ["Cache:BreakSeconds"] = "30",
            ["Cache:L2TimeoutMilliseconds"] = "1000",
        };
        await using var service = await CreateAsync(_prefix, $"127.0.0.1:{proxy.Port}", settings, time);
        using var counters = new CacheCounters(service);
        await writer.Cache.SetAsync(Tenant, "in-redis", new Item("from L2"), null, Ct);
        var sourceCalls = 0;
        ValueTask<Item> Source(string value)
        {
            Interlocked.Increment(ref sourceCalls);
            return ValueTask.FromResult(new Item(value));
        }

        proxy.Stop();
        var fromSource = await service.Cache.GetOrCreateAsync(Tenant, "down-1", _ => Source("source 1"), null, Ct);
        Assert.Equal(new Item("source 1"), fromSource);
        Assert.Equal(1, sourceCalls);
        Assert.Equal(1, counters.Requests("l2", "error"));   // the read (HybridCache writes to L2 in the background)
        Assert.False(service.Breaker.IsOpen);                 // at most two faults of three

        var set = await Record.ExceptionAsync(() => service.Cache.SetAsync(Tenant, "down-2", new Item("set while down"), null, Ct).AsTask());
        Assert.Null(set);
        // The third fault is HybridCache's background write of down-1, unless that write was given up (its caller's
        // token, under a loaded machine): then one more read is the third.
        if (!await Eventually.TrueAsync(() => Task.FromResult(service.Breaker.IsOpen), TimeSpan.FromSeconds(2), Ct))
        {
            Assert.Null(await service.Cache.GetAsync(Tenant, "down-3", Ct));
        }

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(service.Breaker.IsOpen), Deadline, Ct), "three faults did not open the circuit");
        Assert.Equal(new Item("set while down"), await service.Cache.GetAsync(Tenant, "down-2", Ct));   // its L1 copy
        // Three L2 faults, and the SetAsync's bus message, which fails on its own loop.
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(counters.RedisFailures >= 4), Deadline, Ct), $"{counters.RedisFailures} Redis failures");

        // Open: L2 is not called at all, so no call waits for it and no Redis failure is added.
        var failures = counters.RedisFailures;
        var errors = counters.Requests("l2", "error");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(new Item($"open {i}"), await service.Cache.GetOrCreateAsync(Tenant, $"open-{i}", _ => Source($"open {i}"), null, Ct));
        }

        var openCalls = clock.Elapsed;
        Assert.Equal(failures, counters.RedisFailures);
        Assert.Equal(errors + 20, counters.Requests("l2", "error"));
        Assert.Equal(21, sourceCalls);
        Assert.True(openCalls < TimeSpan.FromSeconds(5), $"20 calls took {openCalls.TotalMilliseconds} ms with the circuit open (budget 1000 ms each)");

        // Redis is back, but the circuit stays open until the break is over...
        proxy.Start();
        Assert.True(await Eventually.TrueAsync(() => PingsAsync(service), Deadline, Ct), "Redis did not come back");
        Assert.Null(await service.Cache.GetAsync(Tenant, "in-redis", Ct));
        Assert.True(service.Breaker.IsOpen);

        // ...then one trial call finds it and closes the circuit: L2 hits again.
        time.Advance(TimeSpan.FromSeconds(30));
        var hits = counters.Requests("l2", "hit");
        Assert.Equal(new Item("from L2"), await service.Cache.GetAsync(Tenant, "in-redis", Ct));
        Assert.False(service.Breaker.IsOpen);
        await writer.Cache.SetAsync(Tenant, "after", new Item("written after"), null, Ct);
        Assert.Equal(new Item("written after"), await service.Cache.GetAsync(Tenant, "after", Ct));
        Assert.Equal(hits + 2, counters.Requests("l2", "hit"));
        Assert.Equal(failures, counters.RedisFailures);
    }

    [Fact]
    public async Task RedisHung_CallsEndWithinTheBudget_AndAnswerFromTheSource()
    {
        const int budgetMs = 300;
        var budget = TimeSpan.FromMilliseconds(budgetMs);
        await using var proxy = await ProxyToRedisAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Cache:L2TimeoutMilliseconds"] = $"{budgetMs}",
            ["Cache:FailuresToBreak"] = "1000",               // every call meets the hung Redis, none is skipped
            ["Redis:OperationTimeoutMilliseconds"] = "20000",  // the client would wait far longer than the budget
        };
        await using var service = await CreateAsync(_prefix, $"127.0.0.1:{proxy.Port}", settings);
        using var counters = new CacheCounters(service);
        Assert.Null(await service.Cache.GetAsync(Tenant, "warm-up", Ct));   // connection up and used

        proxy.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            var probe = await service.Cache.GetAsync(Tenant, "hung-probe", Ct);
            var get = clock.Elapsed;
            clock.Restart();
            var created = await service.Cache.GetOrCreateAsync(Tenant, "hung", _ => ValueTask.FromResult(new Item("source")), null, Ct);
            var getOrCreate = clock.Elapsed;

            Assert.Null(probe);
            Assert.Equal(new Item("source"), created);
            // At least the budget (Redis really hung), at most the budget and a second.
            Assert.InRange(get, budget - TimeSpan.FromMilliseconds(50), budget + TimeSpan.FromSeconds(1));
            // The read waits the budget; HybridCache writes the source's value to L2 after it has answered.
            Assert.InRange(getOrCreate, budget - TimeSpan.FromMilliseconds(50), budget + TimeSpan.FromSeconds(1));
            Assert.Equal(2, counters.Requests("l2", "error"));
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(counters.RedisFailures >= 3), Deadline, Ct));
            Assert.Equal(3, counters.RedisFailures);   // two reads and the background write, each given up after the budget
            Assert.Equal(new Item("source"), await service.Cache.GetAsync(Tenant, "hung", Ct));   // kept in L1
        }
        finally
        {
            proxy.Resume();
        }
    }

    [Fact]
    public async Task CircuitTrial_CancelledByItsCaller_LetsALaterCallTryAgain()
    {
        var time = new FakeTimeProvider();
        await using var proxy = await ProxyToRedisAsync();
        await using var writer = await CreateAsync(_prefix);
        var settings = new Dictionary<string, string?>
        {
            ["Cache:FailuresToBreak"] = "1",
            ["Cache:BreakSeconds"] = "30",
            ["Cache:L2TimeoutMilliseconds"] = "10000",
            ["Redis:OperationTimeoutMilliseconds"] = "20000",
        };
        await using var service = await CreateAsync(_prefix, $"127.0.0.1:{proxy.Port}", settings, time);
        await writer.Cache.SetAsync(Tenant, "in-redis", new Item("from L2"), null, Ct);
        service.Breaker.Failed(new TimeoutException("a fault for the test"));
        Assert.True(service.Breaker.IsOpen);

        // The break is over; the trial call meets a hung Redis and its caller gives up on it.
        time.Advance(TimeSpan.FromSeconds(30));
        proxy.Pause();
        Task<Item?> trial;
        using (var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var held = proxy.HeldChunks;
            trial = service.Cache.GetAsync(Tenant, "in-redis", abandon.Token).AsTask();
            Assert.True(await Eventually.TrueAsync(() => Task.FromResult(proxy.HeldChunks > held || trial.IsCompleted), Deadline, Ct), "the trial call never reached Redis");
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trial);
        }

        proxy.Resume();
        Assert.True(await Eventually.TrueAsync(() => PingsAsync(service), Deadline, Ct), "Redis did not come back");

        // Whatever the abandoned trial left, a later break ends with a new trial, which finds Redis.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new Item("from L2"), await service.Cache.GetAsync(Tenant, "in-redis", Ct));
        Assert.False(service.Breaker.IsOpen);
    }

    [Fact]
    public async Task Backplane_ANewValueSetOnOneInstance_ReplacesAnothersL1CopyWithinASecond()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        using var bCounters = new CacheCounters(b);
        await a.Cache.FillAsync(Tenant, "k", new Item("v1"), Ct);   // a fill tells no one: b's copy below is not raced by it
        await AssertHeldInL1Async(b, bCounters, "k", new Item("v1"));

        await a.Cache.SetAsync(Tenant, "k", new Item("v2"), null, Ct);

        Assert.True(
            await Eventually.TrueAsync(async () => await b.Cache.GetAsync(Tenant, "k", Ct) == new Item("v2"), BackplaneDeadline, Ct),
            "b still serves its old L1 copy a second after a set a new value");
    }

    [Fact]
    public async Task Backplane_AnEntryRemovedOnOneInstance_LeavesAnothersL1WithinASecond()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        using var bCounters = new CacheCounters(b);
        await a.Cache.FillAsync(Tenant, "k", new Item("v1"), Ct);
        await AssertHeldInL1Async(b, bCounters, "k", new Item("v1"));

        await a.Cache.RemoveAsync(Tenant, "k", Ct);

        Assert.Null(await a.Cache.GetAsync(Tenant, "k", Ct));
        Assert.True(
            await Eventually.TrueAsync(async () => await b.Cache.GetAsync(Tenant, "k", Ct) is null, BackplaneDeadline, Ct),
            "b still serves its L1 copy a second after a removed the entry");
    }

    [Fact]
    public async Task Backplane_ATagRemovedOnOneInstance_LeavesAnothersL1WithinASecond_ForThatTenantOnly()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        using var bCounters = new CacheCounters(b);
        var group = new CacheEntry(Tags: ["group"]);
        var other = new CacheEntry(Tags: ["other"]);
        // GetOrCreateAsync tells no one, so b's copies below are not raced by these.
        await a.Cache.GetOrCreateAsync("t1", "grouped", _ => ValueTask.FromResult(new Item("t1 grouped")), group, Ct);
        await a.Cache.GetOrCreateAsync("t1", "other", _ => ValueTask.FromResult(new Item("t1 other")), other, Ct);
        await a.Cache.GetOrCreateAsync("t2", "grouped", _ => ValueTask.FromResult(new Item("t2 grouped")), group, Ct);
        await AssertHeldInL1Async(b, bCounters, "grouped", new Item("t1 grouped"), "t1");
        await AssertHeldInL1Async(b, bCounters, "grouped", new Item("t2 grouped"), "t2");

        await a.Cache.RemoveByTagAsync("t1", "group", Ct);

        Assert.Null(await a.Cache.GetAsync("t1", "grouped", Ct));
        Assert.True(
            await Eventually.TrueAsync(async () => await b.Cache.GetAsync("t1", "grouped", Ct) is null, BackplaneDeadline, Ct),
            "b still serves its L1 copy a second after a removed the entry's tag");
        await using var cold = await CreateAsync(_prefix);
        foreach (var instance in new[] { a, b, cold })
        {
            Assert.Null(await instance.Cache.GetAsync("t1", "grouped", Ct));
            Assert.Equal(new Item("t2 grouped"), await instance.Cache.GetAsync("t2", "grouped", Ct));
            Assert.Equal(new Item("t1 other"), await instance.Cache.GetAsync("t1", "other", Ct));
        }
    }

    [Fact]
    public async Task RemoveByTag_AlsoDropsL1CopiesThisInstanceReadFromL2()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        using var bCounters = new CacheCounters(b);
        await a.Cache.GetOrCreateAsync(Tenant, "grouped", _ => ValueTask.FromResult(new Item("grouped")), new CacheEntry(Tags: ["group"]), Ct);
        await AssertHeldInL1Async(b, bCounters, "grouped", new Item("grouped"));   // b knows the value, not its tags

        await b.Cache.RemoveByTagAsync(Tenant, "group", Ct);

        Assert.Null(await b.Cache.GetAsync(Tenant, "grouped", Ct));
    }

    /// <summary>
    /// Reads <paramref name="key"/> on <paramref name="instance"/> until L2 has it (HybridCache may write L2 just after
    /// GetOrCreateAsync answered its caller), which fills its L1 from L2; then a second read is an L1 hit.
    /// </summary>
    private static async Task AssertHeldInL1Async(PlatformHarness instance, CacheCounters counters, string key, Item expected, string tenant = Tenant)
    {
        Assert.True(await Eventually.TrueAsync(async () => await instance.Cache.GetAsync(tenant, key, Ct) == expected, Deadline, Ct),
            $"{key} never reached {expected}");
        var l1Hits = counters.Requests("l1", "hit");
        Assert.Equal(expected, await instance.Cache.GetAsync(tenant, key, Ct));
        Assert.Equal(l1Hits + 1, counters.Requests("l1", "hit"));
    }

    private static async Task<bool> PingsAsync(PlatformHarness harness)
    {
        try
        {
            await harness.Redis.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            return false;
        }
    }
}
