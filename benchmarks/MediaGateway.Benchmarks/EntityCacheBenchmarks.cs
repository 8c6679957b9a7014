using BenchmarkDotNet.Attributes;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Telemetry;

namespace MediaGateway.Benchmarks;

/// <summary>An L1 hit of the entity mapping cache: key building, the HybridCache probe and the hit counter.</summary>
[MemoryDiagnoser]
public class EntityCacheBenchmarks
{
    private static readonly ExternalId Id = ExternalId.Parse(ExternalIdType.Imdb, "tt0111161");
    private EntityMappingCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        // L2 is never reached on an L1 hit; an in-memory distributed cache keeps the benchmark self-contained.
        var l2 = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _cache = new EntityMappingCache(l2, Options.Create(new EntityCacheOptions()), new MediaGatewayMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLoggerFactory.Instance);
        _cache.SetManyAsync("bench", [new KnownMapping(Id, Guid.NewGuid(), 1)], CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _cache.Dispose();

    [Benchmark]
    public async Task<Guid> L1Hit() => (await _cache.GetAsync("bench", Id, CancellationToken.None))!.Value.EntityId;

    [Benchmark]
    public ExternalId ParseEidr() => ExternalId.Parse(ExternalIdType.Eidr, "10.5240/7791-8534-2C23-9030-8610-5");

    [Benchmark]
    public string NormalizeTitle() => TitleNormalizer.Normalize("Shawshank Redemption, The (1994)");
}
