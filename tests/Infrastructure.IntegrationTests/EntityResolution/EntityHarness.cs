using MediaGateway.Application;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Telemetry;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>
/// Entity resolution as the service composes it (AddInfrastructure + AddApplication) over one scratch database
/// and a Redis key prefix. Two harnesses on the same database and prefix are two service instances; a new one
/// after disposing the first is a restart.
/// </summary>
internal sealed class EntityHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EntityHarness(ServiceProvider services) => _services = services;

    public EntityResolver Resolver => _services.GetRequiredService<EntityResolver>();

    public IEntityStore Store => _services.GetRequiredService<IEntityStore>();

    public IEntityChangeStore Changes => _services.GetRequiredService<IEntityChangeStore>();

    /// <summary>The "entity-mappings" tiered cache, addressed by external id.</summary>
    public MappingCache Cache => new(_services.GetRequiredKeyedService<TieredCache<CachedMapping>>(CachingEntityStore.CacheName));

    public TitleBandsJob TitleBands => _services.GetRequiredService<TitleBandsJob>();

    public MediaGatewayMetrics Metrics => _services.GetRequiredService<MediaGatewayMetrics>();

    public EntityResolutionMetrics ResolutionMetrics => _services.GetRequiredService<EntityResolutionMetrics>();

    public EntityCacheMaintenance Maintenance => _services.GetRequiredService<EntityCacheMaintenance>();

    public NpgsqlDataSource Database => _services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<EntityHarness> CreateAsync(
        TestDatabase database, string redisPrefix, string? redisConnectionString = null, Dictionary<string, string?>? settings = null)
    {
        var backing = await BackingServices.GetAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = redisConnectionString ?? backing.Redis,
            ["Redis:KeyPrefix"] = redisPrefix,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;   // a test's settings win over the defaults above
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration);
        return new EntityHarness(services.BuildServiceProvider());
    }

    public async Task<ResolutionOutcome> ResolveAsync(string tenant, ResolutionInput input, CancellationToken cancellationToken) =>
        (await Resolver.ResolveAsync(tenant, [input], cancellationToken))[0];

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    public static ResolutionInput Movie(string title, int? year, params ExternalId[] ids) => new(ids, EntityKind.Movie, title, year, null);

    public static ExternalId Imdb(string value) => ExternalId.Parse(ExternalIdType.Imdb, value);

    public static ExternalId Eidr(string value) => ExternalId.Parse(ExternalIdType.Eidr, value);

    public static ExternalId Tmdb(int value, string kind) => ExternalId.Parse(ExternalIdType.Tmdb, value.ToString(System.Globalization.CultureInfo.InvariantCulture), kind);
}

/// <summary>The entity mapping cache seen by external id, as the caching store uses it.</summary>
internal sealed class MappingCache(TieredCache<CachedMapping> cache)
{
    public long L1Count => cache.L1Count;

    public ValueTask<CachedMapping?> GetAsync(string tenantId, ExternalId id, CancellationToken cancellationToken) =>
        cache.GetAsync(tenantId, CachingEntityStore.Key(id), cancellationToken);

    public async ValueTask SetManyAsync(string tenantId, IReadOnlyCollection<KnownMapping> mappings, CancellationToken cancellationToken)
    {
        foreach (var mapping in mappings)
        {
            await cache.SetAsync(tenantId, CachingEntityStore.Key(mapping.Id), new CachedMapping(mapping.EntityId, mapping.Confidence), null, cancellationToken);
        }
    }

    public void CompactL1() => cache.CompactL1();
}
