using MediaGateway.Api.Cli;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaGateway.Api.IntegrationTests.Cli;

/// <summary>The `seed` and `reembed` commands against a scratch database, with the real embedding model.</summary>
public sealed class CatalogCommandTests : IAsyncLifetime
{
    private const string OldModel = "old-model/512";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private IConfiguration _configuration = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var backing = await BackingServices.GetAsync();
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["ConnectionStrings:Redis"] = backing.Redis,
            ["Redis:KeyPrefix"] = RedisTestPrefix.New(),
        }).Build();
        _services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(_configuration).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Seed_IsDeterministic_AndRunningItTwiceChangesNothing()
    {
        string[] args = ["--tenant", "demo", "--entities", "60", "--users", "12", "--seed", "5"];

        Assert.Equal(0, await SeedCommand.RunAsync(args, _configuration));
        var first = await ScalarAsync<string>("SELECT string_agg(id::text || title, ',' ORDER BY id) FROM entities WHERE tenant_id = 'demo'");
        var interactions = await ScalarAsync<long>("SELECT count(*) FROM interactions WHERE tenant_id = 'demo'");
        Assert.Equal(0, await SeedCommand.RunAsync(args, _configuration));

        Assert.Equal(60, await ScalarAsync<long>("SELECT count(*) FROM entities WHERE tenant_id = 'demo'"));
        Assert.Equal(first, await ScalarAsync<string>("SELECT string_agg(id::text || title, ',' ORDER BY id) FROM entities WHERE tenant_id = 'demo'"));
        Assert.Equal(0, await ScalarAsync<long>(
            "SELECT count(*) FROM entities WHERE tenant_id = 'demo' AND (embedding IS NULL OR embedding_model <> 'all-MiniLM-L6-v2/384')"));
        Assert.True(interactions > 12 * 3, "every user has interactions");
        // The same events again (same titles, types and times) are duplicates, not new rows.
        Assert.Equal(interactions, await ScalarAsync<long>("SELECT count(*) FROM interactions WHERE tenant_id = 'demo'"));
        Assert.Equal(12, await ScalarAsync<long>("SELECT count(*) FROM user_profiles WHERE tenant_id = 'demo' AND interaction_count > 0"));
    }

    [Fact]
    public async Task Reembed_MovesTitlesAndTastesToTheConfiguredModel()
    {
        var catalog = _services.GetRequiredService<ICatalogStore>();
        var store = _services.GetRequiredService<IInteractionStore>();
        var embedder = _services.GetRequiredService<ITextEmbedder>();
        var random = new Random(3);
        var titles = new[] { ("Space Station Nine", "sci-fi"), ("The Last Orbit", "sci-fi"), ("Baking With Nonna", "cooking") }
            .Select(t => new CatalogEntry(new Entity(Guid.CreateVersion7(), EntityKind.Movie, t.Item1, 2001,
                Enumerable.Range(0, CatalogVectors.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()), [t.Item2], null, null, OldModel))
            .ToList();
        Assert.Empty(await catalog.UpsertAsync("t", titles, Ct));
        var at = new DateTimeOffset(2026, 11, 1, 20, 0, 0, TimeSpan.Zero);
        var user = new UserRef("t", "u1");
        await store.RecordAsync(user, titles.Select((t, i) => new NewInteraction(t.Entity.Id, InteractionType.Like, 3, null, at.AddMinutes(i), null)).ToList(),
            OldModel, TimeSpan.FromDays(30), Ct);

        Assert.Equal(0, await ReembedCommand.RunAsync(["--tenant", "t"], _configuration));

        var expected = await embedder.EmbedAsync(titles.Select(t => t.Text).ToList(), Ct);
        var taste = TasteProfile.Empty;
        foreach (var (vector, i) in expected.Select((v, i) => (v, i)))
        {
            taste = taste.Add(vector, 3, at.AddMinutes(i), TimeSpan.FromDays(30));
        }

        var recommendations = _services.GetRequiredService<IRecommendationStore>();
        var stored = await recommendations.GetTitleAsync("t", embedder.ModelId, titles[0].Entity.Id, Ct);
        var profile = await recommendations.GetTasteAsync(user, embedder.ModelId, 5, Ct);
        Assert.Equal(0, await ScalarAsync<long>($"SELECT count(*) FROM entities WHERE embedding_model <> '{embedder.ModelId}'"));
        Assert.True(VectorMath.Cosine(expected[0], stored!.Embedding) > 0.9999, "the title's vector is the model's");
        Assert.True(VectorMath.Cosine(taste.Mean, profile.Vector) > 0.9999, "the taste is rebuilt from the new vectors");
        Assert.Equal(3, profile.InteractionCount);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
