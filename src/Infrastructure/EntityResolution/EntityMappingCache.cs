using System.Buffers;
using System.Buffers.Binary;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// HybridCache over external id → (entity, confidence): L1 in process, L2 in Redis (shared by all instances).
/// The two tiers are probed separately so each hit and miss is counted per tier; Redis failures count as L2
/// misses (HybridCache logs and swallows them), so resolution falls through to Postgres.
/// </summary>
public sealed class EntityMappingCache : IEntityMappingCache, IDisposable
{
    // Every L1 entry is sized by its serialized payload, which is fixed: so a byte limit is an entry limit.
    private const int PayloadBytes = 24;

    private static readonly HybridCacheEntryOptions L1Probe = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite,
    };

    private static readonly HybridCacheEntryOptions L2Probe = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly MediaGatewayMetrics _metrics;
    private readonly ServiceProvider _cacheServices;
    private readonly HybridCache _cache;
    private readonly MemoryCache _l1;
    private readonly HybridCacheEntryOptions _write;
    private readonly HybridCacheEntryOptions _l1Write;

    public EntityMappingCache(IDistributedCache redis, IOptions<EntityCacheOptions> options, MediaGatewayMetrics metrics, ILoggerFactory loggerFactory)
    {
        _metrics = metrics;
        var settings = options.Value;
        // A container of its own: HybridCache takes its L1 from the container's IMemoryCache, and this L1 must be
        // bounded by entry count without bounding, or being evicted by, any other cache in the process.
        var services = new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddSingleton(redis)
            .AddMemoryCache(memory => memory.SizeLimit = (long)settings.L1MaxEntries * PayloadBytes);
        services.AddHybridCache(hybrid => hybrid.DisableCompression = true).AddSerializer<CachedMapping, CachedMappingSerializer>();
        _cacheServices = services.BuildServiceProvider();
        _cache = _cacheServices.GetRequiredService<HybridCache>();
        _l1 = (MemoryCache)_cacheServices.GetRequiredService<IMemoryCache>();
        _write = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromSeconds(settings.L2ExpirationSeconds),
            LocalCacheExpiration = TimeSpan.FromSeconds(settings.L1ExpirationSeconds),
        };
        _l1Write = new HybridCacheEntryOptions
        {
            Expiration = _write.Expiration,
            LocalCacheExpiration = _write.LocalCacheExpiration,
            Flags = HybridCacheEntryFlags.DisableDistributedCache,
        };
    }

    /// <summary>Entries in L1 now (never above the configured maximum).</summary>
    public long L1Count => _l1.Count;

    public async ValueTask<CachedMapping?> GetAsync(string tenantId, ExternalId id, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, id);
        var local = await ProbeL1Async(key);
        Count("l1", local);
        if (local.EntityId != Guid.Empty)
        {
            return local;
        }

        var shared = await _cache.GetOrCreateAsync(key, NoData, L2Probe, cancellationToken: cancellationToken);
        Count("l2", shared);
        return shared.EntityId != Guid.Empty ? shared : null;
    }

    public async ValueTask<IReadOnlyDictionary<ExternalId, CachedMapping>> GetManyAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<ExternalId, CachedMapping>(ids.Count);
        var l2Reads = new List<(ExternalId Id, ValueTask<CachedMapping> Read)>();
        foreach (var id in ids)
        {
            var key = Key(tenantId, id);
            var local = await ProbeL1Async(key);
            Count("l1", local);
            if (local.EntityId != Guid.Empty)
            {
                hits[id] = local;
            }
            else
            {
                // Started together so the Redis reads are pipelined on the one connection.
                l2Reads.Add((id, _cache.GetOrCreateAsync(key, NoData, L2Probe, cancellationToken: cancellationToken)));
            }
        }

        foreach (var (id, read) in l2Reads)
        {
            var shared = await read;
            Count("l2", shared);
            if (shared.EntityId != Guid.Empty)
            {
                hits[id] = shared;
            }
        }

        return hits;
    }

    public async ValueTask SetManyAsync(string tenantId, IReadOnlyCollection<KnownMapping> mappings, CancellationToken cancellationToken)
    {
        var writes = mappings.Select(m => _cache.SetAsync(Key(tenantId, m.Id), new CachedMapping(m.EntityId, m.Confidence), _write, cancellationToken: cancellationToken).AsTask());
        await Task.WhenAll(writes);
    }

    /// <summary>Refreshes this instance's L1 only (warm-up, and changes written by other instances, which set L2 themselves).</summary>
    public async ValueTask SetLocalAsync(string tenantId, KnownMapping mapping, CancellationToken cancellationToken) =>
        await _cache.SetAsync(Key(tenantId, mapping.Id), new CachedMapping(mapping.EntityId, mapping.Confidence), _l1Write, cancellationToken: cancellationToken);

    public void Dispose() => _cacheServices.Dispose();

    // Tenant ids are free text: the length prefix keeps "a:b" + "c" and "a" + "b:c" apart.
    internal static string Key(string tenantId, ExternalId id) =>
        $"entity:{tenantId.Length}:{tenantId}:{CatalogNames.Of(id.Type)}:{id.Value}";

    // No token: the probe does no I/O, and given a cancellable token (every request's) HybridCache queues each L1
    // miss to the thread pool, one hop per id in a batch. Without one the miss completes inline.
    private ValueTask<CachedMapping> ProbeL1Async(string key) =>
        _cache.GetOrCreateAsync(key, NoData, L1Probe, cancellationToken: CancellationToken.None);

    private static ValueTask<CachedMapping> NoData(CancellationToken _) => default;

    private void Count(string tier, CachedMapping result) =>
        _metrics.EntityLookups.Add(1, new("tier", tier), new("result", result.EntityId != Guid.Empty ? "hit" : "miss"));

    private sealed class CachedMappingSerializer : IHybridCacheSerializer<CachedMapping>
    {
        public CachedMapping Deserialize(ReadOnlySequence<byte> source)
        {
            Span<byte> bytes = stackalloc byte[PayloadBytes];
            source.CopyTo(bytes);
            return new CachedMapping(new Guid(bytes[..16]), BinaryPrimitives.ReadDoubleLittleEndian(bytes[16..]));
        }

        public void Serialize(CachedMapping value, IBufferWriter<byte> target)
        {
            var bytes = target.GetSpan(PayloadBytes);
            value.EntityId.TryWriteBytes(bytes);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[16..], value.Confidence);
            target.Advance(PayloadBytes);
        }
    }
}
