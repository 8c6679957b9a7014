using System.Net;
using System.Text.Json;
using MediaGateway.Api.Endpoints.EntityResolution;
using MediaGateway.Application.EntityResolution;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MediaGateway.Api.IntegrationTests.EntityResolution;

public sealed class EntityEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Shawshank = "10.5240/7791-8534-2C23-9030-8610-5";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ingest(string tenant = "tenant-a") => api.ClientFor("feed", tenant, "ingest");

    private static object Item(string title, int year, params object[] ids) => new { externalIds = ids, title, year, kind = "movie" };

    private static object Imdb(string value) => new { type = "imdb", value };

    private static object Tmdb(int value, string kind) => new { type = "tmdb", value = value.ToString(System.Globalization.CultureInfo.InvariantCulture), kind };

    [Fact]
    public async Task Resolve_CreatesWith201_ThenAnswers200FromCache()
    {
        var ingest = Ingest();
        var body = Item("The Shawshank Redemption", 1994, new { type = "eidr", value = "doi:" + Shawshank.ToLowerInvariant() }, Imdb("tt0111161"));

        var created = await ingest.PostAsJsonAsync("/api/v1/entities/resolve", body, Ct);
        var first = await created.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);
        var again = await ingest.PostAsJsonAsync("/api/v1/entities/resolve", body, Ct);
        var second = await again.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);
        var fuzzy = await ingest.PostAsJsonAsync("/api/v1/entities/resolve", Item("Shawshank Redemption, The (1994)", 1994, Tmdb(278, "movie")), Ct);
        var linked = await fuzzy.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/entities/{first!.EntityId}", created.Headers.Location?.OriginalString);
        Assert.Equal(("created", 1.0), (first.Method, first.Confidence));
        Assert.Equal([new ExternalIdDto("eidr", Shawshank), new ExternalIdDto("imdb", "tt0111161")], first.ExternalIds);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((first.EntityId, "cache"), (second!.EntityId, second.Method));
        Assert.Equal(HttpStatusCode.OK, fuzzy.StatusCode);
        Assert.Equal(first.EntityId.ToString(), linked.GetProperty("entityId").GetString());
        Assert.Equal("fuzzy", linked.GetProperty("method").GetString());
        Assert.Equal("""{"type":"tmdb","value":"278","kind":"movie"}""", linked.GetProperty("externalIds")[0].GetRawText());
    }

    [Fact]
    public async Task Lookup_AndGetEntity_ShowEveryIdIncludingAliases()
    {
        var created = await (await Ingest().PostAsJsonAsync("/api/v1/entities/resolve",
            Item("Alias", 2002, Imdb("tt0300001"), Imdb("tt0300002"), Tmdb(300, "movie")), Ct)).Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);
        var viewer = api.ClientFor("viewer");

        var byAlias = await viewer.GetFromJsonAsync<ResolutionResultDto>("/api/v1/entities/lookup?type=imdb&value=tt0300001", Ct);
        var byUrl = await viewer.GetFromJsonAsync<ResolutionResultDto>("/api/v1/entities/lookup?type=imdb&value=https%3A%2F%2Fwww.imdb.com%2Ftitle%2Ftt0300002%2F", Ct);
        var entity = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/entities/{created!.EntityId}", Ct);
        var tvNotMovie = await viewer.GetAsync("/api/v1/entities/lookup?type=tmdb&value=300&kind=tv", Ct);
        var missing = await viewer.GetAsync($"/api/v1/entities/{Guid.NewGuid()}", Ct);

        Assert.Equal(created.EntityId, byAlias!.EntityId);
        Assert.Equal(created.EntityId, byUrl!.EntityId);
        Assert.Equal("Alias", entity.GetProperty("title").GetString());
        Assert.Equal("movie", entity.GetProperty("kind").GetString());
        Assert.Equal(["imdb:tt0300001", "imdb:tt0300002", "tmdb:300"],
            entity.GetProperty("externalIds").EnumerateArray().Select(i => $"{i.GetProperty("type").GetString()}:{i.GetProperty("value").GetString()}").Order());
        await tvNotMovie.ReadProblemAsync(HttpStatusCode.NotFound);
        await missing.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task IdsOfTwoEntities_Answer409WithBoth_AndStoreNothing()
    {
        var a = await (await Ingest().PostAsJsonAsync("/api/v1/entities/resolve", Item("Twin A", 2001, Imdb("tt0400001")), Ct)).Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);
        var b = await (await Ingest().PostAsJsonAsync("/api/v1/entities/resolve", Item("Twin B", 2001, Imdb("tt0400002")), Ct)).Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);

        var response = await Ingest().PostAsJsonAsync("/api/v1/entities/resolve", Item("Twin A", 2001, Imdb("tt0400001"), Imdb("tt0400002"), Tmdb(400, "movie")), Ct);
        var batch = await Ingest().PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = new[] { Item("Twin A", 2001, Imdb("tt0400001"), Imdb("tt0400002")), Item("Fine", 2001, Imdb("tt0400003")) },
        }, Ct);
        var results = await batch.Content.ReadFromJsonAsync<BatchResolutionDto>(Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(new[] { a!.EntityId, b!.EntityId }.Order(), problem.GetProperty("entityIds").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await Ingest().GetAsync("/api/v1/entities/lookup?type=tmdb&value=400&kind=movie", Ct)).StatusCode);
        Assert.Equal([409, 201], results!.Items.Select(i => i.Status));
        Assert.Equal(new[] { a.EntityId, b.EntityId }.Order(), results.Items[0].ConflictingEntityIds!.Order());
    }

    [Fact]
    public async Task Batch_ItemStatusIs200WhenKnown_201WhenCreated_409OnConflict()
    {
        var ingest = Ingest();
        await ingest.PostAsJsonAsync("/api/v1/entities/resolve", Item("Heat", 2005, Imdb("tt0900001")), Ct);
        await ingest.PostAsJsonAsync("/api/v1/entities/resolve", Item("Ronin", 2005, Imdb("tt0900002")), Ct);

        var response = await ingest.PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = new[] { Item("Heat", 2005, Imdb("tt0900001")), Item("Collateral", 2005, Imdb("tt0900003")), Item("Heat", 2005, Imdb("tt0900001"), Imdb("tt0900002")) },
        }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([200, 201, 409], body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task BadInput_Is400NamingItemAndField_AndStoresNothing()
    {
        var ingest = Ingest();

        var single = await ingest.PostAsJsonAsync("/api/v1/entities/resolve", new
        {
            externalIds = new object[]
            {
                new { type = "netflix", value = "80100172" },
                new { type = "eidr", value = "10.5240/7791-8534-2C23-9030-8610-6" },
                new { type = "tmdb", value = "603" },
            },
            embedding = new float[511],
        }, Ct);
        var batch = await ingest.PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = new[] { Item("Valid", 2000, Imdb("tt0500001")), Item("Bad", 2000, Imdb("tt05")) },
        }, Ct);
        var tooMany = await ingest.PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = Enumerable.Range(0, 1001).Select(i => Item($"Many {i}", 2000, Imdb($"tt06{i:D5}"))).ToArray(),
        }, Ct);
        var noTitle = await ingest.PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = new object[] { Item("Valid", 2000, Imdb("tt0500002")), new { externalIds = new[] { Imdb("tt0500003") } } },
        }, Ct);

        var errors = (await single.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("eidr, imdb, tmdb, tvdb", errors.GetProperty("externalIds[0].type")[0].GetString());
        Assert.Contains("'5' expected", errors.GetProperty("externalIds[1].value")[0].GetString());
        Assert.Contains("kind", errors.GetProperty("externalIds[2].kind")[0].GetString());
        Assert.Contains("512", errors.GetProperty("embedding")[0].GetString());
        Assert.True((await batch.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("items[1].externalIds[0].value", out _));
        Assert.Contains("1000", (await tooMany.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("items")[0].GetString());
        Assert.True((await noTitle.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("items[1].title", out _));
        foreach (var valid in new[] { "tt0500001", "tt0500002", "tt0600000" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ingest.GetAsync($"/api/v1/entities/lookup?type=imdb&value={valid}", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Writes_NeedTheIngestOrAdminRole_ReadsAnyUserOfTheTenant()
    {
        var body = Item("Roles", 2003, Imdb("tt0700001"));

        var asViewer = await api.ClientFor("viewer").PostAsJsonAsync("/api/v1/entities/resolve", body, Ct);
        var batchAsViewer = await api.ClientFor("viewer").PostAsJsonAsync("/api/v1/entities/resolve/batch", new { items = new[] { body } }, Ct);
        var asAdmin = await api.ClientFor("ops", "tenant-a", "admin").PostAsJsonAsync("/api/v1/entities/resolve", body, Ct);
        var read = await api.ClientFor("viewer").GetAsync("/api/v1/entities/lookup?type=imdb&value=tt0700001", Ct);
        var anonymous = await api.CreateClient().GetAsync("/api/v1/entities/lookup?type=imdb&value=tt0700001", Ct);

        await asViewer.ReadProblemAsync(HttpStatusCode.Forbidden);
        await batchAsViewer.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Tenants_AreIsolated()
    {
        var mine = await (await Ingest("tenant-x").PostAsJsonAsync("/api/v1/entities/resolve", Item("Mine", 2004, Imdb("tt0800001")), Ct))
            .Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);

        var lookup = await api.ClientFor("viewer", "tenant-y").GetAsync("/api/v1/entities/lookup?type=imdb&value=tt0800001", Ct);
        var get = await api.ClientFor("viewer", "tenant-y").GetAsync($"/api/v1/entities/{mine!.EntityId}", Ct);

        await lookup.ReadProblemAsync(HttpStatusCode.NotFound);
        await get.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Batch_ResolvesInRequestOrder_AndL2IsSharedWithASecondInstance()
    {
        var items = Enumerable.Range(0, 200).Select(i => Item($"Batch Http {i}", 2010, Tmdb(900_000 + i, "movie"))).ToArray();

        var response = await Ingest().PostAsJsonAsync("/api/v1/entities/resolve/batch", new { items }, Ct);
        var results = await response.Content.ReadFromJsonAsync<BatchResolutionDto>(Ct);
        await using var second = api.NewInstance();
        var other = ApiFactory.Authorize(second.CreateClient(), "viewer");
        var fromSecond = await other.GetFromJsonAsync<ResolutionResultDto>("/api/v1/entities/lookup?type=tmdb&value=900150&kind=movie", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, results!.Items.Count);
        Assert.All(results.Items, r => Assert.Equal(201, r.Status));
        Assert.Equal("900150", results.Items[150].ExternalIds.Single().Value);
        Assert.Equal(results.Items[150].EntityId, fromSecond!.EntityId);
        Assert.Equal("cache", fromSecond.Method);   // L2: the second instance never saw it in process
    }
}
