using System.Net;
using System.Text.Json;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;

namespace MediaGateway.Api.IntegrationTests.Catalog;

/// <summary>PUT /api/v1/catalog/entities over HTTP: order, idempotent retries, all-or-nothing validation, roles, tenants, the model.</summary>
/// <remarks>Each test works in a tenant of its own: the class's tests share one database.</remarks>
public sealed class CatalogEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/catalog/entities";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ingest(string tenant) => api.ClientFor("feed", tenant, "ingest");

    /// <summary>A valid 512-number vector pointing along one axis.</summary>
    private static float[] Axis(int axis)
    {
        var vector = new float[CatalogVectors.Dimensions];
        vector[axis] = 1;
        return vector;
    }

    private Task<long> CountTitlesAsync(string tenant) =>
        CountAsync($"SELECT count(*) FROM entities WHERE tenant_id = '{tenant}'");

    private async Task<long> CountAsync(string sql) => await api.Database.ScalarAsync<long>(sql);

    [Fact]
    public async Task Put_AnswersIdsInRequestOrder_AndARetryWithTheSameIdsUpdatesInsteadOfDuplicating()
    {
        const string tenant = "catalog-round-trip";
        var ingest = Ingest(tenant);
        var (first, third) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        object Batch(string firstTitle, Guid? second) => new
        {
            entities = new object[]
            {
                new
                {
                    id = first, kind = "movie", title = firstTitle, year = 2001, genres = new[] { "Drama", " drama ", "Thriller" },
                    description = "A heist goes wrong.", metadata = new { studio = "Northwind", tags = new[] { 1, 2 } },
                },
                new { id = second, kind = "series", title = "Without An Id", embedding = Axis(7) },
                new { id = third, kind = "episode", title = "Third" },
            },
        };

        var created = await ingest.PutAsJsonAsync(Path, Batch("Round Trip", second: null), Ct);
        var ids = (await created.Content.ReadFromJsonAsync<CatalogIngestResult>(Ct))!.Ids;
        var retried = await ingest.PutAsJsonAsync(Path, Batch("Round Trip (Director's Cut)", second: ids[1]), Ct);
        var retriedIds = (await retried.Content.ReadFromJsonAsync<CatalogIngestResult>(Ct))!.Ids;
        var entity = await api.ClientFor("viewer", tenant).GetFromJsonAsync<JsonElement>($"/api/v1/entities/{first}", Ct);
        var thrillers = await api.ClientFor("viewer", tenant).GetFromJsonAsync<TitleList>("/api/v1/recommendations?genre=THRILLER", Ct);
        var everything = await api.ClientFor("viewer", tenant).GetFromJsonAsync<TitleList>("/api/v1/recommendations?limit=100", Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(3, ids.Count);
        Assert.Equal((first, third), (ids[0], ids[2]));
        Assert.NotEqual(Guid.Empty, ids[1]);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(ids, retriedIds);
        Assert.Equal("Round Trip (Director's Cut)", entity.GetProperty("title").GetString());
        Assert.Equal(("movie", 2001, true), (entity.GetProperty("kind").GetString(), entity.GetProperty("year").GetInt32(), entity.GetProperty("hasEmbedding").GetBoolean()));
        Assert.Equal(3, await CountTitlesAsync(tenant));
        Assert.Equal(ids.Order(), everything!.Items.Select(i => i.EntityId).Order());
        // Genres are matched lower-case, each once; metadata is kept as the client's JSON object.
        Assert.Equal([first], thrillers!.Items.Select(i => i.EntityId));
        Assert.Equal("{drama,thriller}", await api.Database.ScalarAsync<string>($"SELECT genres::text FROM entities WHERE id = '{first}'"));
        Assert.Equal("Northwind", await api.Database.ScalarAsync<string>($"SELECT metadata->>'studio' FROM entities WHERE id = '{first}'"));
    }

    [Fact]
    public async Task Put_BadItems_Are400NamingEachItem_AndStoreNothingOfTheBatch()
    {
        const string tenant = "catalog-invalid";
        var ingest = Ingest(tenant);
        var valid = Guid.CreateVersion7();
        var overflowing = Axis(0).Select(x => (double)x).ToArray();
        overflowing[1] = 1e39;   // beyond float: System.Text.Json reads it as infinity

        var response = await ingest.PutAsJsonAsync(Path, new
        {
            entities = new object[]
            {
                new { id = valid, kind = "movie", title = "Valid In A Bad Batch", embedding = Axis(3) },
                new { kind = "movie", title = "Short Vector", embedding = new float[511] },
                new { kind = "movie", title = "Zero Vector", embedding = new float[CatalogVectors.Dimensions] },
                new { kind = "podcast", title = "Bad Kind" },
                new { kind = "movie", title = "   " },
                new { kind = "movie", title = "Array Metadata", metadata = new[] { 1, 2 } },
                new { kind = "movie", title = "Infinite", embedding = overflowing },
            },
        }, Ct);

        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(
            ["entities[1].embedding", "entities[2].embedding", "entities[3].kind", "entities[4].title", "entities[5].metadata", "entities[6].embedding"],
            errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("512", errors.GetProperty("entities[1].embedding")[0].GetString());
        Assert.Contains("zero", errors.GetProperty("entities[2].embedding")[0].GetString());
        Assert.Contains("movie, series, season, episode", errors.GetProperty("entities[3].kind")[0].GetString());
        Assert.Contains("finite", errors.GetProperty("entities[6].embedding")[0].GetString());
        await (await ingest.GetAsync($"/api/v1/entities/{valid}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await CountTitlesAsync(tenant));
    }

    [Fact]
    public async Task Put_NumberSentAsString_Is400NamingIt_AndStoresNothing()
    {
        const string tenant = "catalog-nan";
        var notANumber = Axis(0).Select(x => (object)x).ToArray();
        notANumber[1] = "NaN";   // JSON has no NaN, and numbers are JSON numbers, never strings

        var response = await Ingest(tenant).PutAsJsonAsync(Path, new
        {
            entities = new object[] { new { kind = "movie", title = "Not A Number", embedding = notANumber } },
        }, Ct);

        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["entities[0].embedding[1]"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await CountTitlesAsync(tenant));
    }

    [Fact]
    public async Task Put_MoreThan1000Entities_Is400_AndStoresNone()
    {
        const string tenant = "catalog-too-many";
        var ids = Enumerable.Range(0, 1001).Select(_ => Guid.CreateVersion7()).ToList();

        var response = await Ingest(tenant).PutAsJsonAsync(Path, new
        {
            entities = ids.Select((id, i) => new { id, kind = "movie", title = $"Many {i}", embedding = Axis(i % CatalogVectors.Dimensions) }),
        }, Ct);

        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("1000", errors.GetProperty("entities")[0].GetString());
        await (await Ingest(tenant).GetAsync($"/api/v1/entities/{ids[0]}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await CountTitlesAsync(tenant));
    }

    [Fact]
    public async Task Put_NeedsTheIngestOrAdminRole()
    {
        const string tenant = "catalog-roles";
        var (byViewer, byAdmin) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        object Body(Guid id) => new { entities = new[] { new { id, kind = "movie", title = "Roles", embedding = Axis(1) } } };

        var asViewer = await api.ClientFor("viewer", tenant).PutAsJsonAsync(Path, Body(byViewer), Ct);
        var anonymous = await api.CreateClient().PutAsJsonAsync(Path, Body(byViewer), Ct);
        var asAdmin = await api.ClientFor("ops", tenant, "admin").PutAsJsonAsync(Path, Body(byAdmin), Ct);

        await asViewer.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        await (await api.ClientFor("viewer", tenant).GetAsync($"/api/v1/entities/{byViewer}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await CountTitlesAsync(tenant));
    }

    [Fact]
    public async Task Put_AnIdOfAnotherTenantsTitle_Is409NamingIt_AndStoresNothing()
    {
        var (theirs, mine) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await Ingest("catalog-owner").PutAsJsonAsync(Path, new { entities = new[] { new { id = theirs, kind = "movie", title = "The Owner's Title" } } }, Ct);

        var response = await Ingest("catalog-intruder").PutAsJsonAsync(Path, new
        {
            entities = new[] { new { id = mine, kind = "movie", title = "Innocent" }, new { id = theirs, kind = "movie", title = "Hijacked" } },
        }, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["entities[1].id"], problem.GetProperty("entities").EnumerateArray().Select(e => e.GetString()));
        await (await Ingest("catalog-intruder").GetAsync($"/api/v1/entities/{mine}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Ingest("catalog-intruder").GetAsync($"/api/v1/entities/{theirs}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var owners = await Ingest("catalog-owner").GetFromJsonAsync<JsonElement>($"/api/v1/entities/{theirs}", Ct);
        Assert.Equal("The Owner's Title", owners.GetProperty("title").GetString());
        Assert.Equal(0, await CountTitlesAsync("catalog-intruder"));
    }

    [Fact]
    public async Task Put_WithoutEmbeddings_TheModelPutsEachTitleNearItsOwnGenre()
    {
        const string tenant = "catalog-model";
        var catalog = await GenreCatalog.IngestAsync(api, tenant);
        var viewer = api.ClientFor("viewer", tenant);

        foreach (var cluster in new[] { GenreCatalog.SciFi, GenreCatalog.Romance, GenreCatalog.Cooking })
        {
            var probe = catalog.Of(cluster)[0];
            var similar = await viewer.GetFromJsonAsync<TitleList>($"/api/v1/entities/{probe}/similar?limit=5", Ct);

            Assert.Equal(5, similar!.Items.Count);
            Assert.DoesNotContain(probe, similar.Items.Select(i => i.EntityId));
            Assert.All(similar.Items, item => Assert.True(catalog.ClusterOf(item.EntityId) == cluster,
                $"similar to {catalog.NameOf(probe)}: {string.Join(", ", similar.Items.Select(i => i.Title))}"));
            Assert.True(similar.Items.Zip(similar.Items.Skip(1)).All(p => p.First.Score >= p.Second.Score), "nearest first");
        }
    }
}
