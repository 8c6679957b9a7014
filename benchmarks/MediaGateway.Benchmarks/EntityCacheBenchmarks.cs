using BenchmarkDotNet.Attributes;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Benchmarks;

/// <summary>
/// An L1 hit of the entity mapping cache (key building, the L1 probe and its hit counter), through the service's
/// own modules against the Redis and Postgres of scripts/infra.sh (ConnectionStrings__* from `scripts/infra.sh env`).
/// </summary>
[MemoryDiagnoser]
public class EntityCacheBenchmarks
{
    private const string Key = "imdb:tt0111161";
    private ServiceProvider _services = null!;
    private TieredCache<CachedMapping> _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        _cache = _services.GetRequiredKeyedService<TieredCache<CachedMapping>>(EntityResolutionModule.MappingCacheName);
        _cache.SetLocal("bench", Key, new CachedMapping(Guid.NewGuid(), 1));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<Guid> L1Hit() => (await _cache.GetAsync("bench", Key, CancellationToken.None))!.EntityId;

    [Benchmark]
    public ExternalId ParseEidr() => ExternalId.Parse(ExternalIdType.Eidr, "10.5240/7791-8534-2C23-9030-8610-5");

    [Benchmark]
    public string NormalizeTitle() => TitleNormalizer.Normalize("Shawshank Redemption, The (1994)");
}
