using System.Net;
using MediaGateway.Application.Sync.Watchlist;
using Microsoft.AspNetCore.Hosting;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>
/// Nothing grows without bound from a few requests: tags per operation and per request, operations per request and
/// titles per watchlist are limited (small limits configured here), and re-adding a title replaces its tags.
/// </summary>
public sealed class WatchlistLimitsTests(WatchlistLimitsTests.SmallLimitsApiFactory api) : IClassFixture<WatchlistLimitsTests.SmallLimitsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long Base => TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds();

    public sealed class SmallLimitsApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Set("Sync:MaxOperationsPerSync", "10");
            Set("Sync:MaxTagsPerOperation", "4");
            Set("Sync:MaxTagsPerSync", "12");
            Set("Sync:MaxWatchlistItems", "3");
            base.ConfigureWebHost(builder);
        }
    }

    private HttpClient Device(string user, string deviceId)
    {
        var client = api.ClientFor(user);
        client.DefaultRequestHeaders.Add("X-Device-Id", deviceId);
        return client;
    }

    private static object AddOp(string contentId, string tag, long physicalMs) =>
        new { type = "watchlist.add", contentId, tag, hlc = new { physicalMs, logical = 0 } };

    private static object RemoveOp(string contentId, IEnumerable<string> tags, long physicalMs) =>
        new { type = "watchlist.remove", contentId, tags, hlc = new { physicalMs, logical = 0 } };

    private static Task<HttpResponseMessage> SyncAsync(HttpClient client, string deviceId, params object[] operations) =>
        client.PostAsJsonAsync("/api/v1/sync", new { deviceId, cursor = (string?)null, operations }, Ct);

    private Task<long> RowsAsync(string user, string condition = "true") =>
        api.Database.ScalarAsync<long>($"SELECT count(*) FROM user_watchlists WHERE user_id = '{user}' AND {condition}");

    private static async Task<List<string>> ListedAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct))!.Items.Select(i => i.ContentId).Order()];

    [Fact]
    public async Task RestAdd_BeyondTheLimit_Is409NamingIt_WhileAListedTitleAndASwapStillGo()
    {
        var web = Device("limit-rest", "web");
        foreach (var title in new[] { "f1", "f2", "f3" })
        {
            Assert.Equal(HttpStatusCode.Created, (await web.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = title }, Ct)).StatusCode);
        }

        var fourth = await web.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "f4" }, Ct);
        var listedAgain = await web.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "f1" }, Ct);
        var listedWhenFull = await ListedAsync(web);
        await web.DeleteAsync("/api/v1/watchlist/items/f2", Ct);
        var afterRemoving = await web.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "f4" }, Ct);

        var problem = await fourth.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(3, problem.GetProperty("maxItems").GetInt32());
        Assert.Equal(HttpStatusCode.OK, listedAgain.StatusCode);
        Assert.Equal(["f1", "f2", "f3"], listedWhenFull);
        Assert.Equal(HttpStatusCode.Created, afterRemoving.StatusCode);
        Assert.Equal(["f1", "f3", "f4"], await ListedAsync(web));
    }

    [Fact]
    public async Task Sync_AddingBeyondTheLimit_Is409_AndStoresNothingOfTheRequest()
    {
        var tv = Device("limit-sync", "tv");
        var t = Base;
        await SyncAsync(tv, "tv", AddOp("f1", "tv-1", t), AddOp("f2", "tv-2", t + 1), AddOp("f3", "tv-3", t + 2));

        var refused = await SyncAsync(tv, "tv",
            AddOp("f4", "tv-4", t + 3),
            new { type = "progress.set", contentId = "movie", positionSeconds = 700, durationSeconds = 6000, state = "paused", hlc = new { physicalMs = t + 4, logical = 0 } });
        var swapped = await SyncAsync(tv, "tv", RemoveOp("f1", ["tv-1"], t + 5), AddOp("f4", "tv-4", t + 6));

        var problem = await refused.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(3, problem.GetProperty("maxItems").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await tv.GetAsync("/api/v1/progress/movie", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal(["f2", "f3", "f4"], await ListedAsync(tv));
    }

    [Fact]
    public async Task TooManyTags_OrOperations_Are400NamingThem_AndStoreNothing()
    {
        var tv = Device("limit-tags", "tv");
        var t = Base;

        var oneRemove = await SyncAsync(tv, "tv", AddOp("f1", "ok-1", t), RemoveOp("f1", ["a", "b", "c", "d", "e"], t + 1));
        var perRequest = await SyncAsync(tv, "tv",
            RemoveOp("f1", ["a1", "a2", "a3", "a4"], t), RemoveOp("f2", ["b1", "b2", "b3", "b4"], t + 1),
            RemoveOp("f3", ["c1", "c2", "c3", "c4"], t + 2), AddOp("f4", "ok-2", t + 3));
        var operations = await SyncAsync(tv, "tv", [.. Enumerable.Range(0, 11).Select(i => AddOp($"f{i}", $"t{i}", t + i))]);

        var tagsProblem = await oneRemove.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(tagsProblem.GetProperty("errors").TryGetProperty("operations[1].tags", out _), tagsProblem.GetRawText());
        var perRequestProblem = await perRequest.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(perRequestProblem.GetProperty("errors").TryGetProperty("operations", out _), perRequestProblem.GetRawText());
        var operationsProblem = await operations.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(operationsProblem.GetProperty("errors").TryGetProperty("operations", out _), operationsProblem.GetRawText());
        Assert.Equal(0L, await RowsAsync("limit-tags"));
    }

    [Fact]
    public async Task ReAddingATitle_LeavesOneLiveTag_AndDevicesStillConverge_WithAConcurrentRemove()
    {
        var user = "limit-readd";
        var t0 = Base;
        var tv = new DeviceReplica("tv", t0);
        var phone = new DeviceReplica("phone", t0);
        HttpClient Client() => api.ClientFor(user);
        var web = Device(user, "web");
        for (var i = 0; i < 30; i++)
        {
            await web.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "film" }, Ct);
        }

        await tv.SyncAsync(Client(), Ct);
        await phone.SyncAsync(Client(), Ct);

        // Offline: tv adds the film twice more, phone removes the tag it saw. Add wins: the film stays.
        tv.Add("film", 1_000);
        tv.Add("film", 1_001);
        phone.Remove("film", 1_002);
        await tv.SyncAsync(Client(), Ct);
        await phone.SyncAsync(Client(), Ct);
        await tv.SyncAsync(Client(), Ct);

        Assert.Equal(1L, await RowsAsync(user, "NOT is_removed"));
        Assert.Equal(["film"], await ListedAsync(web));
        Assert.Equal(["film"], tv.Watchlist.Order());
        Assert.Equal(["film"], phone.Watchlist.Order());
    }
}
