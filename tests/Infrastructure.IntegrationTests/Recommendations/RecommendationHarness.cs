using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Recommendations;
using MediaGateway.TestSupport;
using Xunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MediaGateway.Infrastructure.IntegrationTests.Recommendations;

/// <summary>
/// Catalog, interactions and recommendation stores as the service composes them, over one scratch database, with
/// a fake clock (the trending job reads it). Vectors come from <see cref="Vectors"/>, not a model.
/// </summary>
internal sealed class RecommendationHarness : IAsyncDisposable
{
    public const string Model = "test-model/512";
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);

    private readonly ServiceProvider _services;

    private RecommendationHarness(ServiceProvider services, FakeTimeProvider time) => (_services, Time) = (services, time);

    public FakeTimeProvider Time { get; }

    public ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();

    public IInteractionStore Interactions => _services.GetRequiredService<IInteractionStore>();

    public IRecommendationStore Recommendations => _services.GetRequiredService<IRecommendationStore>();

    public TrendingJob Trending => _services.GetRequiredService<TrendingJob>();

    public PreferenceIndexJob PreferenceIndex => _services.GetRequiredService<PreferenceIndexJob>();

    public InteractionGroupCommitWriter Writer => _services.GetRequiredService<InteractionGroupCommitWriter>();

    public NpgsqlDataSource Database => _services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<RecommendationHarness> CreateAsync(TestDatabase database, Dictionary<string, string?>? settings = null)
    {
        var backing = await BackingServices.GetAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = backing.Redis,
            ["Redis:KeyPrefix"] = RedisTestPrefix.New(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration)
            .AddSingleton<TimeProvider>(time);
        return new RecommendationHarness(services.BuildServiceProvider(), time);
    }

    /// <summary>Stores titles with the given vectors under <see cref="Model"/>; returns their ids in order.</summary>
    public async Task<List<Guid>> AddTitlesAsync(
        string tenant, IEnumerable<(string Title, float[] Vector)> titles, EntityKind kind = EntityKind.Movie, string[]? genres = null)
    {
        var entries = titles.Select(t => new CatalogEntry(
            new Entity(Guid.CreateVersion7(), kind, t.Title, 2000, t.Vector), genres ?? [], null, null, Model)).ToList();
        foreach (var chunk in entries.Chunk(CatalogLimits.MaxEntitiesPerRequest))
        {
            Assert.Empty(await Catalog.UpsertAsync(tenant, chunk, TestContext.Current.CancellationToken));
        }

        return entries.Select(e => e.Entity.Id).ToList();
    }

    public Task<RecordOutcome> RecordAsync(UserRef user, params NewInteraction[] interactions) =>
        Interactions.RecordAsync(user, interactions, Model, HalfLife, TestContext.Current.CancellationToken);

    public static NewInteraction Event(Guid entity, InteractionType type, DateTimeOffset at, string? eventId = null, int? rating = null) =>
        new(entity, type, InteractionWeights.Default.Of(type, rating), rating, at, eventId);

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = Database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>Deterministic test vectors: unit vectors in clusters around random centroids.</summary>
internal static class Vectors
{
    public static float[] Centroid(int seed) => Unit(Random(seed, 1.0));

    /// <summary>A unit vector near <paramref name="centroid"/>: centroid plus noise of the given size per number.</summary>
    public static float[] Near(float[] centroid, int seed, double noise = 0.02)
    {
        var random = Random(seed, noise);
        return Unit(centroid.Select((x, i) => x + random[i]).ToArray());
    }

    private static float[] Random(int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, CatalogVectors.Dimensions).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private static float[] Unit(float[] vector)
    {
        var norm = (float)VectorMath.Norm(vector);
        return vector.Select(x => x / norm).ToArray();
    }
}
