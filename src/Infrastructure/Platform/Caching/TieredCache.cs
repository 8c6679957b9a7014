using System.Collections.Concurrent;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace MediaGateway.Infrastructure.Platform.Caching;

/// <summary>
/// One named cache: an in-process L1 of its own (bounded by entry count, never evicted by another cache), Redis
/// as L2 through HybridCache, and the source behind both. Keys are tenant-scoped (<see cref="CacheKeys"/>).
/// Redis is an accelerator only: its faults are counted and answered from L1 or the source (see
/// <see cref="ResilientDistributedCache"/>). Setting or removing an entry tells every other instance, over the
/// channel bus, to drop its L1 copy, so no instance serves an old value for longer than a message takes.
/// Values are shared between callers as they are: cache immutable records.
/// </summary>
public sealed class TieredCache<T> : IDisposable
    where T : class
{
    internal const string BusChannel = "cache";

    private static readonly HybridCacheEntryFlags L2Only =
        HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableLocalCacheWrite;

    private static readonly HybridCacheEntryOptions L2Probe = new()
    {
        Flags = L2Only | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly HybridCache _l2;
    private readonly MemoryCache _l1;
    private readonly NamedCacheSettings _settings;
    private readonly RedisChannelBus _bus;
    private readonly MediaGatewayMetrics _metrics;
    private readonly HybridCacheEntryOptions _l2Write;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tagTokens = new(StringComparer.Ordinal);

    // L1 copies whose tags this instance does not know (read from L2, or handed to SetLocal), by scope (tenant and
    // cache): any tag of their tenant may be theirs, so invalidating one drops them too.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _unknownTagTokens = new(StringComparer.Ordinal);
    private readonly IDisposable _invalidations;
    private readonly IDisposable _hybridServices;

    internal TieredCache(
        string name, NamedCacheSettings settings, HybridCache l2, RedisChannelBus bus, MediaGatewayMetrics metrics, IDisposable hybridServices)
    {
        _hybridServices = hybridServices;
        Name = name;
        _settings = settings;
        _l2 = l2;
        _bus = bus;
        _metrics = metrics;
        // Every entry has size 1, so the size limit is an entry limit; beyond it MemoryCache refuses new entries
        // and compacts the oldest in the background.
        _l1 = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.L1MaxEntries });
        _l2Write = new HybridCacheEntryOptions { Expiration = settings.L2Expiration, Flags = L2Only };
        _invalidations = bus.Subscribe(BusChannel, name, OnInvalidation);
    }

    public string Name { get; }

    /// <summary>Entries in L1 now (never above the configured maximum).</summary>
    public long L1Count => _l1.Count;

    /// <summary>The cached value from L1, else L2 (then kept in L1); null when neither has it.</summary>
    public async ValueTask<T?> GetAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var fullKey = CacheKeys.For(tenantId, Name, key);
        if (TryGetLocal(fullKey, out var local))
        {
            return local;
        }

        var shared = await _l2.GetOrCreateAsync(fullKey, static _ => ValueTask.FromResult<T?>(null), L2Probe, cancellationToken: cancellationToken);
        if (shared is not null)
        {
            SetLocal(fullKey, shared, _settings.L1Expiration, tags: null, tagsKnown: false);
        }

        return shared;
    }

    /// <summary>
    /// Looks up many keys at once: L1 first, then one L2 read per L1 miss, all started together so Redis gets them
    /// pipelined. The result holds only the hits.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, T>> GetManyAsync(string tenantId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<string, T>();
        var l2Reads = new List<(string Key, string FullKey, ValueTask<T?> Read)>();
        foreach (var key in keys)
        {
            var fullKey = CacheKeys.For(tenantId, Name, key);
            if (TryGetLocal(fullKey, out var local))
            {
                hits[key] = local;
            }
            else
            {
                l2Reads.Add((key, fullKey, _l2.GetOrCreateAsync(fullKey, static _ => ValueTask.FromResult<T?>(null), L2Probe, cancellationToken: cancellationToken)));
            }
        }

        foreach (var (key, fullKey, read) in l2Reads)
        {
            if (await read is { } shared)
            {
                SetLocal(fullKey, shared, _settings.L1Expiration, tags: null, tagsKnown: false);
                hits[key] = shared;
            }
        }

        return hits;
    }

    /// <summary>
    /// The cached value, or the source's (<paramref name="factory"/>), which is then kept in both tiers. Concurrent
    /// callers of one key on this instance share one call to the source.
    /// </summary>
    public async ValueTask<T> GetOrCreateAsync(
        string tenantId, string key, Func<CancellationToken, ValueTask<T>> factory, CacheEntry? entry, CancellationToken cancellationToken)
    {
        var fullKey = CacheKeys.For(tenantId, Name, key);
        if (TryGetLocal(fullKey, out var local))
        {
            return local;
        }

        var tags = Tags(tenantId, entry);
        var value = await _l2.GetOrCreateAsync(fullKey, factory, static (f, ct) => f(ct), L2Options(entry), tags, cancellationToken);
        // The value may come from L2, stored there with tags of its own: without tags of the caller's, they are unknown.
        SetLocal(fullKey, value, entry?.L1Expiration ?? _settings.L1Expiration, tags, tagsKnown: tags is not null);
        return value;
    }

    /// <summary>Stores a new value in both tiers and tells every other instance to drop its L1 copy.</summary>
    public async ValueTask SetAsync(string tenantId, string key, T value, CacheEntry? entry, CancellationToken cancellationToken)
    {
        var fullKey = CacheKeys.For(tenantId, Name, key);
        var tags = Tags(tenantId, entry);
        SetLocal(fullKey, value, entry?.L1Expiration ?? _settings.L1Expiration, tags, tagsKnown: true);
        await _l2.SetAsync(fullKey, value, L2Options(entry), tags, cancellationToken);
        _bus.Publish(BusChannel, Name, Invalidation.OfKey(fullKey));
    }

    /// <summary>
    /// Stores a value just read from the source in both tiers. Nothing changed, so other instances are not told;
    /// use <see cref="SetAsync"/> for a new value.
    /// </summary>
    public async ValueTask FillAsync(string tenantId, string key, T value, CancellationToken cancellationToken)
    {
        var fullKey = CacheKeys.For(tenantId, Name, key);
        SetLocal(fullKey, value, _settings.L1Expiration, tags: null, tagsKnown: true);
        await _l2.SetAsync(fullKey, value, _l2Write, cancellationToken: cancellationToken);
    }

    /// <summary>Puts a value in this instance's L1 only (warm-up, or a value another instance already stored in L2).</summary>
    public void SetLocal(string tenantId, string key, T value) =>
        SetLocal(CacheKeys.For(tenantId, Name, key), value, _settings.L1Expiration, tags: null, tagsKnown: false);

    /// <summary>Removes the entry from both tiers on every instance.</summary>
    public async ValueTask RemoveAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var fullKey = CacheKeys.For(tenantId, Name, key);
        _l1.Remove(fullKey);
        await _l2.RemoveAsync(fullKey, cancellationToken);
        _bus.Publish(BusChannel, Name, Invalidation.OfKey(fullKey));
    }

    /// <summary>Removes every entry of the tenant stored with <paramref name="tag"/>, from both tiers, on every instance.</summary>
    public async ValueTask RemoveByTagAsync(string tenantId, string tag, CancellationToken cancellationToken)
    {
        var scopedTag = CacheKeys.Tag(tenantId, Name, tag);
        DropTagLocally(scopedTag);
        await _l2.RemoveByTagAsync(scopedTag, cancellationToken);
        _bus.Publish(BusChannel, Name, Invalidation.OfTag(scopedTag));
    }

    /// <summary>Evicts expired entries now and trims L1 back within its limit, instead of waiting for MemoryCache to.</summary>
    public void CompactL1() => _l1.Compact(0);

    public void Dispose()
    {
        _invalidations.Dispose();
        _l1.Dispose();
        _hybridServices.Dispose();
        foreach (var tokens in _tagTokens.Values.Concat(_unknownTagTokens.Values))
        {
            tokens.Dispose();
        }
    }

    private bool TryGetLocal(string fullKey, out T value)
    {
        var found = _l1.TryGetValue(fullKey, out T? local) && local is not null;
        _metrics.CacheRequests.Add(1, new("cache", Name), new("tier", "l1"), new("result", found ? "hit" : "miss"));
        value = local!;
        return found;
    }

    private void SetLocal(string fullKey, T value, TimeSpan expiration, string[]? tags, bool tagsKnown)
    {
        var options = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = expiration };
        foreach (var tag in tags ?? [])
        {
            options.ExpirationTokens.Add(new CancellationChangeToken(_tagTokens.GetOrAdd(tag, static _ => new CancellationTokenSource()).Token));
        }

        if (!tagsKnown)
        {
            var scope = CacheKeys.ScopeOf(fullKey);
            options.ExpirationTokens.Add(new CancellationChangeToken(_unknownTagTokens.GetOrAdd(scope, static _ => new CancellationTokenSource()).Token));
        }

        _l1.Set(fullKey, value, options);
    }

    private void DropTagLocally(string scopedTag)
    {
        Cancel(_tagTokens, scopedTag);
        Cancel(_unknownTagTokens, CacheKeys.ScopeOf(scopedTag));
    }

    // Not disposed after Cancel: a SetLocal running at the same time may still read the source's Token (which a
    // disposed source throws from); it then gets a cancelled token, and its entry is dropped with the others.
    private static void Cancel(ConcurrentDictionary<string, CancellationTokenSource> tokens, string key)
    {
        if (tokens.TryRemove(key, out var source))
        {
            source.Cancel();
        }
    }

    private HybridCacheEntryOptions L2Options(CacheEntry? entry) =>
        entry?.L2Expiration is { } expiration ? new HybridCacheEntryOptions { Expiration = expiration, Flags = L2Only } : _l2Write;

    private string[]? Tags(string tenantId, CacheEntry? entry) =>
        entry?.Tags is { Count: > 0 } tags ? tags.Select(t => CacheKeys.Tag(tenantId, Name, t)).ToArray() : null;

    private void OnInvalidation(BusMessage message)
    {
        // This instance already applied its own change; L2 holds the new value for the others to read.
        if (message.FromThisInstance)
        {
            return;
        }

        if (Invalidation.KeyOf(message.Payload) is { } key)
        {
            _l1.Remove(key);
        }
        else if (Invalidation.TagOf(message.Payload) is { } tag)
        {
            DropTagLocally(tag);
            // HybridCache learns the tag's new time too, so it rejects older L2 entries of the tag on this instance.
            _ = _l2.RemoveByTagAsync(tag).AsTask();
        }
    }

    // A message names one full key or one scoped tag; a prefix says which. A batch of saves sends one per key, so
    // plain strings rather than a serialized record.
    private static class Invalidation
    {
        private const string KeyPrefix = "key:";
        private const string TagPrefix = "tag:";

        public static string OfKey(string fullKey) => KeyPrefix + fullKey;

        public static string OfTag(string scopedTag) => TagPrefix + scopedTag;

        public static string? KeyOf(string payload) => payload.StartsWith(KeyPrefix, StringComparison.Ordinal) ? payload[KeyPrefix.Length..] : null;

        public static string? TagOf(string payload) => payload.StartsWith(TagPrefix, StringComparison.Ordinal) ? payload[TagPrefix.Length..] : null;
    }
}

/// <summary>Per-entry settings: lifetimes other than the cache's defaults, and tags to invalidate entries by.</summary>
public sealed record CacheEntry(TimeSpan? L1Expiration = null, TimeSpan? L2Expiration = null, IReadOnlyCollection<string>? Tags = null);
