using MediaGateway.Application;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using MediaGateway.Infrastructure.EntityResolution;

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

    public EntityMappingCache Cache => _services.GetRequiredService<EntityMappingCache>();

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

/// <summary>Test classes that resolve entities run one at a time, so a test reading the process-wide lookup counters sees only its own.</summary>
[CollectionDefinition(Collection)]
public sealed class EntityLookupCounters
{
    public const string Collection = "entity lookup counters";
}
