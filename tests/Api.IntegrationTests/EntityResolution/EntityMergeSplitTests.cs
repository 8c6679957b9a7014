using System.Net;
using System.Text.Json;
using MediaGateway.Api.Endpoints.EntityResolution;
using MediaGateway.Application.EntityResolution;
using MediaGateway.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MediaGateway.Api.IntegrationTests.EntityResolution;

/// <summary>
/// Merge and split (role admin): ids move in one transaction, old ids keep resolving (to the survivor), the merged
/// entity redirects, every change is in the history, and every instance's caches follow within a second.
/// </summary>
public sealed class EntityMergeSplitTests(EntityMergeSplitTests.NoRefreshApiFactory api) : IClassFixture<EntityMergeSplitTests.NoRefreshApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The cache refresher (the safety net behind the bus) runs once an hour here, so an instance's L1 follows a
    /// merge within a second only if the invalidation reached it.
    /// </summary>
    public sealed class NoRefreshApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Set("EntityResolution:Cache:RefreshIntervalSeconds", "3600");
            base.ConfigureWebHost(builder);
        }
    }

    private HttpClient Admin(string tenant = "tenant-a") => api.ClientFor("ops", tenant, "admin");

    private HttpClient Viewer(string tenant = "tenant-a") => api.ClientFor("viewer", tenant);

    private HttpClient NotFollowingRedirects(string tenant = "tenant-a") =>
        ApiFactory.Authorize(api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "viewer", tenant);

    private static object Imdb(string value) => new { type = "imdb", value };

    private static object Tmdb(int value) => new { type = "tmdb", value = value.ToString(System.Globalization.CultureInfo.InvariantCulture), kind = "movie" };

    private async Task<Guid> CreateAsync(string title, object[] ids, string tenant = "tenant-a")
    {
        var response = await api.ClientFor("feed", tenant, "ingest")
            .PostAsJsonAsync("/api/v1/entities/resolve", new { externalIds = ids, title, year = 1999, kind = "movie" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct))!.EntityId;
    }

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, Guid entity, Guid into) =>
        client.PostAsJsonAsync($"/api/v1/entities/{entity}/merge", new { into }, Ct);

    private static Task<HttpResponseMessage> SplitAsync(HttpClient client, Guid entity, params object[] externalIds) =>
        client.PostAsJsonAsync($"/api/v1/entities/{entity}/split", new { externalIds }, Ct);

    private static async Task<Guid?> LookupAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/entities/lookup?{query}", Ct);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct))!.EntityId : null;
    }

    private static IEnumerable<string> IdsOf(JsonElement entity) =>
        entity.GetProperty("externalIds").EnumerateArray().Select(i => $"{i.GetProperty("type").GetString()}:{i.GetProperty("value").GetString()}").Order();

    [Fact]
    public async Task Merge_MovesEveryId_OldIdsResolveToTheSurvivor_OldEntityRedirects_HistoryOnBothSides()
    {
        var merged = await CreateAsync("Duplicate", [Imdb("tt1100001"), Tmdb(1100001)]);
        var survivor = await CreateAsync("Duplicate Original", [Imdb("tt1100002")]);

        var response = await MergeAsync(Admin(), merged, survivor);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // Both ids at once: before the merge they named two entities (409); now one. This instance's L1 held the
        // old mapping since the id was created.
        var resolved = await api.ClientFor("feed", "tenant-a", "ingest").PostAsJsonAsync("/api/v1/entities/resolve",
            new { externalIds = new[] { Imdb("tt1100001"), Imdb("tt1100002") } }, Ct);
        var redirect = await NotFollowingRedirects().GetAsync($"/api/v1/entities/{merged}", Ct);
        var redirectBody = await redirect.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // .NET's HttpClient drops the Authorization header on any redirect, so follow it as such a client would.
        var followed = await Viewer().GetFromJsonAsync<JsonElement>(redirect.Headers.Location, Ct);
        var historyOfMerged = await Admin().GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{merged}/history", Ct);
        var historyOfSurvivor = await Admin().GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{survivor}/history", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(survivor, body.GetProperty("entityId").GetGuid());
        Assert.Equal(["imdb:tt1100001", "imdb:tt1100002", "tmdb:1100001"], IdsOf(body));
        Assert.Equal(survivor, await LookupAsync(Viewer(), "type=imdb&value=tt1100001"));
        Assert.Equal(survivor, await LookupAsync(Viewer(), "type=tmdb&value=1100001&kind=movie"));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(survivor, (await resolved.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct))!.EntityId);
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal($"/api/v1/entities/{survivor}", redirect.Headers.Location?.OriginalString);
        Assert.Equal((merged, survivor), (redirectBody.GetProperty("entityId").GetGuid(), redirectBody.GetProperty("mergedInto").GetGuid()));
        Assert.Equal(survivor, followed.GetProperty("entityId").GetGuid());
        var change = Assert.Single(historyOfMerged!.Changes);
        Assert.Equal(("merge", merged, survivor, "ops"), (change.Kind, change.EntityId, change.OtherEntityId, change.Actor));
        Assert.Equal([new ExternalIdDto("imdb", "tt1100001"), new ExternalIdDto("tmdb", "1100001", "movie")], change.ExternalIds);
        Assert.Equal(change.ChangeId, Assert.Single(historyOfSurvivor!.Changes).ChangeId);
    }

    [Fact]
    public async Task Merge_IsIdempotent_409IntoItselfOrARedirect_404ForUnknown_AndChainsLandOnTheLastSurvivor()
    {
        var a = await CreateAsync("Chain A", [Imdb("tt1200001")]);
        var b = await CreateAsync("Chain B", [Imdb("tt1200002")]);
        var c = await CreateAsync("Chain C", [Imdb("tt1200003")]);
        var admin = Admin();

        var first = await MergeAsync(admin, a, b);
        var repeated = await MergeAsync(admin, a, b);
        var intoItself = await MergeAsync(admin, b, b);
        var intoRedirect = await MergeAsync(admin, c, a);
        var mergedElsewhere = await MergeAsync(admin, a, c);
        var unknownSource = await MergeAsync(admin, Guid.NewGuid(), b);
        var unknownTarget = await MergeAsync(admin, b, Guid.NewGuid());
        var noInto = await admin.PostAsJsonAsync($"/api/v1/entities/{b}/merge", new { }, Ct);
        var historyAfterRepeat = await admin.GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{a}/history", Ct);
        var second = await MergeAsync(admin, b, c);
        var aRedirect = await NotFollowingRedirects().GetAsync($"/api/v1/entities/{a}", Ct);
        var historyOfB = await admin.GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{b}/history", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await repeated.Content.ReadAsStringAsync(Ct));
        Assert.Single(historyAfterRepeat!.Changes);
        await intoItself.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(b, (await intoRedirect.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("mergedInto").GetGuid());
        Assert.Equal(b, (await mergedElsewhere.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("mergedInto").GetGuid());
        await unknownSource.ReadProblemAsync(HttpStatusCode.NotFound);
        await unknownTarget.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await noInto.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("into", out _));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal($"/api/v1/entities/{c}", aRedirect.Headers.Location?.OriginalString);
        Assert.Equal(c, await LookupAsync(Viewer(), "type=imdb&value=tt1200001"));
        Assert.Equal(c, await LookupAsync(Viewer(), "type=imdb&value=tt1200002"));
        // Newest first, with b on either side.
        Assert.Equal([("merge", b, c), ("merge", a, b)], historyOfB!.Changes.Select(h => (h.Kind, h.EntityId, h.OtherEntityId)));
    }

    [Fact]
    public async Task Split_MovesOnlyTheNamedIds_To201NewEntity_TheRestStay()
    {
        var original = await CreateAsync("Two Films On One Entity", [Imdb("tt1300001"), Imdb("tt1300002"), Tmdb(1300003)]);

        var response = await SplitAsync(Admin(), original, Imdb("https://www.imdb.com/title/tt1300002/"), Tmdb(1300003));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var newId = created.GetProperty("entityId").GetGuid();
        var rest = await Viewer().GetFromJsonAsync<JsonElement>($"/api/v1/entities/{original}", Ct);
        var history = await Admin().GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{newId}/history", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/entities/{newId}", response.Headers.Location?.OriginalString);
        Assert.NotEqual(original, newId);
        Assert.Equal(("Two Films On One Entity", "movie", 1999), (created.GetProperty("title").GetString(), created.GetProperty("kind").GetString(), created.GetProperty("year").GetInt32()));
        Assert.Equal(["imdb:tt1300002", "tmdb:1300003"], IdsOf(created));
        Assert.Equal(["imdb:tt1300001"], IdsOf(rest));
        Assert.Equal(newId, await LookupAsync(Viewer(), "type=imdb&value=tt1300002"));
        Assert.Equal(newId, await LookupAsync(Viewer(), "type=tmdb&value=1300003&kind=movie"));
        Assert.Equal(original, await LookupAsync(Viewer(), "type=imdb&value=tt1300001"));
        var change = Assert.Single(history!.Changes);
        Assert.Equal(("split", original, newId, "ops"), (change.Kind, change.EntityId, change.OtherEntityId, change.Actor));
        Assert.Equal([new ExternalIdDto("imdb", "tt1300002"), new ExternalIdDto("tmdb", "1300003", "movie")], change.ExternalIds);
    }

    [Fact]
    public async Task Split_BadIdsAre400NamingThem_EveryIdOrARedirectIs409_UnknownIs404_AndNothingMoves()
    {
        var entity = await CreateAsync("Split Errors", [Imdb("tt1400001"), Imdb("tt1400002")]);
        var other = await CreateAsync("Split Errors Other", [Imdb("tt1400003")]);
        var redirect = await CreateAsync("Split Errors Redirect", [Imdb("tt1400004")]);
        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(Admin(), redirect, other)).StatusCode);
        var admin = Admin();

        var notOnEntity = await SplitAsync(admin, entity, Imdb("tt1400001"), Imdb("tt1400003"), Imdb("tt1409999"));
        var malformed = await SplitAsync(admin, entity, Imdb("tt14"));
        var empty = await SplitAsync(admin, entity);
        var tooMany = await SplitAsync(admin, entity, Enumerable.Range(0, 101).Select(i => Imdb($"tt15{i:D5}")).ToArray());
        var everyId = await SplitAsync(admin, entity, Imdb("tt1400001"), Imdb("tt1400002"));
        var ofRedirect = await SplitAsync(admin, redirect, Imdb("tt1400004"));
        var unknown = await SplitAsync(admin, Guid.NewGuid(), Imdb("tt1400001"));
        var history = await admin.GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{entity}/history", Ct);

        var errors = (await notOnEntity.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["externalIds[1]", "externalIds[2]"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("not an id of this entity", errors.GetProperty("externalIds[1]")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True((await malformed.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("externalIds[0].value", out _));
        Assert.True((await empty.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("externalIds", out _));
        Assert.Contains("100", (await tooMany.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("externalIds")[0].GetString());
        await everyId.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(other, (await ofRedirect.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("mergedInto").GetGuid());
        await unknown.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(history!.Changes);
        Assert.Equal(entity, await LookupAsync(Viewer(), "type=imdb&value=tt1400001"));
        Assert.Equal(other, await LookupAsync(Viewer(), "type=imdb&value=tt1400003"));
    }

    [Fact]
    public async Task AfterAMerge_TheMergedEntity_IsNeverACandidate()
    {
        var admin = api.ClientFor("ops", "tenant-a", "admin");
        var duplicate = await CreateAsync("The Redirected Duplicate", [Imdb("tt0770001")]);
        var survivor = await CreateAsync("Redirected Duplicate Survivor", [Imdb("tt0770002")]);
        (await MergeAsync(admin, duplicate, survivor)).EnsureSuccessStatusCode();

        var response = await api.ClientFor("feed", "tenant-a", "ingest").PostAsJsonAsync("/api/v1/entities/resolve",
            new { externalIds = new[] { Tmdb(770003) }, title = "Redirected Duplicate, The", year = 1999, kind = "movie" }, Ct);

        // The merged entity's title matches best, but a redirect is never a candidate: with no other title near
        // enough, the request creates an entity rather than naming the redirect.
        var answer = await response.Content.ReadFromJsonAsync<ResolutionResultDto>(Ct);
        Assert.NotEqual(duplicate, answer!.EntityId);
    }

    [Fact]
    public async Task MergeSplitAndHistory_NeedTheAdminRole()
    {
        var a = await CreateAsync("Roles A", [Imdb("tt1600001"), Imdb("tt1600002")]);
        var b = await CreateAsync("Roles B", [Imdb("tt1600003")]);
        var ingest = api.ClientFor("feed", "tenant-a", "ingest");

        var calls = new List<HttpResponseMessage>();
        foreach (var client in new[] { ingest, Viewer() })
        {
            calls.Add(await MergeAsync(client, a, b));
            calls.Add(await SplitAsync(client, a, Imdb("tt1600002")));
            calls.Add(await client.GetAsync($"/api/v1/entities/{a}/history", Ct));
        }

        var anonymous = await api.CreateClient().PostAsJsonAsync($"/api/v1/entities/{a}/merge", new { into = b }, Ct);

        foreach (var call in calls)
        {
            await call.ReadProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(a, await LookupAsync(Viewer(), "type=imdb&value=tt1600001"));
        Assert.Equal(a, await LookupAsync(Viewer(), "type=imdb&value=tt1600002"));
    }

    [Fact]
    public async Task Tenants_AreIsolated()
    {
        var theirs = await CreateAsync("Theirs", [Imdb("tt1700001"), Imdb("tt1700002")], tenant: "tenant-x");
        var mine = await CreateAsync("Mine", [Imdb("tt1700003")], tenant: "tenant-y");
        var admin = Admin("tenant-y");

        var mergeTheirs = await MergeAsync(admin, theirs, mine);
        var mergeIntoTheirs = await MergeAsync(admin, mine, theirs);
        var splitTheirs = await SplitAsync(admin, theirs, Imdb("tt1700002"));
        var historyOfTheirs = await admin.GetAsync($"/api/v1/entities/{theirs}/history", Ct);

        await mergeTheirs.ReadProblemAsync(HttpStatusCode.NotFound);
        await mergeIntoTheirs.ReadProblemAsync(HttpStatusCode.NotFound);
        await splitTheirs.ReadProblemAsync(HttpStatusCode.NotFound);
        await historyOfTheirs.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(theirs, await LookupAsync(Viewer("tenant-x"), "type=imdb&value=tt1700002"));
        Assert.Equal(mine, await LookupAsync(Viewer("tenant-y"), "type=imdb&value=tt1700003"));
        Assert.Equal(HttpStatusCode.OK, (await Viewer("tenant-y").GetAsync($"/api/v1/entities/{mine}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ASecondInstance_SeesMergeAndSplitWithinASecond_AfterHoldingTheOldMappingsInL1()
    {
        var merged = await CreateAsync("Instances Merged", [Imdb("tt1800001")]);
        var survivor = await CreateAsync("Instances Survivor", [Imdb("tt1800002")]);
        var split = await CreateAsync("Instances Split", [Imdb("tt1800003"), Imdb("tt1800004")]);
        await using var second = api.NewInstance();
        var other = ApiFactory.Authorize(second.CreateClient(), "viewer");
        // The second instance reads the mappings (from L2) and keeps them in its L1.
        Assert.Equal(merged, await LookupAsync(other, "type=imdb&value=tt1800001"));
        Assert.Equal(split, await LookupAsync(other, "type=imdb&value=tt1800004"));

        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(Admin(), merged, survivor)).StatusCode);
        var seesMerge = await Eventually.TrueAsync(
            async () => await LookupAsync(other, "type=imdb&value=tt1800001") == survivor, TimeSpan.FromSeconds(1), Ct);
        var splitResponse = await SplitAsync(Admin(), split, Imdb("tt1800004"));
        var created = (await splitResponse.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entityId").GetGuid();
        var seesSplit = await Eventually.TrueAsync(
            async () => await LookupAsync(other, "type=imdb&value=tt1800004") == created, TimeSpan.FromSeconds(1), Ct);

        Assert.True(seesMerge, "the second instance still answered the merged entity after a second");
        Assert.True(seesSplit, "the second instance still answered the split entity after a second");
        Assert.Equal(split, await LookupAsync(other, "type=imdb&value=tt1800003"));
    }

    [Fact]
    public async Task MergeAndSplit_SurviveARestart_PostgresIsTheTruth()
    {
        var merged = await CreateAsync("Restart Merged", [Imdb("tt1900001")]);
        var survivor = await CreateAsync("Restart Survivor", [Imdb("tt1900002")]);
        var split = await CreateAsync("Restart Split", [Imdb("tt1900003"), Imdb("tt1900004")]);
        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(Admin(), merged, survivor)).StatusCode);
        var created = (await (await SplitAsync(Admin(), split, Imdb("tt1900004"))).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entityId").GetGuid();

        // A new process with an empty Redis of its own: only Postgres can answer.
        await using var restarted = api.NewInstance().WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:KeyPrefix"] = RedisTestPrefix.New() })));
        var viewer = ApiFactory.Authorize(restarted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "viewer");
        var admin = ApiFactory.Authorize(restarted.CreateClient(), "ops", "tenant-a", "admin");

        Assert.Equal(survivor, await LookupAsync(viewer, "type=imdb&value=tt1900001"));
        Assert.Equal(created, await LookupAsync(viewer, "type=imdb&value=tt1900004"));
        Assert.Equal(split, await LookupAsync(viewer, "type=imdb&value=tt1900003"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, (await viewer.GetAsync($"/api/v1/entities/{merged}", Ct)).StatusCode);
        Assert.Single((await admin.GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{survivor}/history", Ct))!.Changes);
        Assert.Single((await admin.GetFromJsonAsync<EntityHistoryDto>($"/api/v1/entities/{split}/history", Ct))!.Changes);
    }
}
