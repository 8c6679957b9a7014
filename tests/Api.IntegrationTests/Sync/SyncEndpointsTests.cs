using System.Net;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;

namespace MediaGateway.Api.IntegrationTests.Sync;

public sealed class SyncEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long Base => TimeProvider.System.GetUtcNow().AddMinutes(-10).ToUnixTimeMilliseconds();

    /// <summary>
    /// Three devices edit offline in conflicting ways, then sync in the given order; the service restarts
    /// between the first and the second round. Every device ends with the state the rules dictate, and the
    /// same as the server's.
    /// </summary>
    [Theory]
    [InlineData("tv,phone,tablet")]
    [InlineData("tablet,phone,tv")]
    [InlineData("phone,tablet,tv")]
    public async Task ThreeDevices_ConflictingOfflineEdits_ConvergeWhateverTheOrder_AcrossARestart(string order)
    {
        var user = $"three-{order.Replace(',', '-')}";
        var t0 = Base;
        var devices = new[] { "tv", "phone", "tablet" }.ToDictionary(d => d, d => new DeviceReplica(d, t0));
        var instance = api.NewInstance();
        HttpClient Client() => ApiFactory.Authorize(instance.CreateClient(), user);

        // Online start: tv lists film-c, everyone syncs and sees it.
        devices["tv"].Add("film-c", 0);
        foreach (var device in devices.Values)
        {
            await device.SyncAsync(Client(), Ct);
        }

        // Offline: tv re-adds film-c while phone removes it (add wins), everyone plays movie-x,
        // the tablet finishes it earliest (completion sticks), tablet adds and removes its own film-d.
        devices["tv"].Add("film-a", 1_000);
        devices["tv"].SetProgress("movie-x", 1000, 1_010);
        devices["tv"].Add("film-c", 1_020);
        devices["phone"].Remove("film-c", 1_005);
        devices["phone"].SetProgress("movie-x", 3000, 1_030);
        devices["phone"].Add("film-d", 1_040);
        devices["tablet"].SetProgress("movie-x", 5700, 1_001);
        devices["tablet"].Add("film-e", 1_003);
        devices["tablet"].Remove("film-e", 1_004);
        devices["tablet"].SetProgress("movie-z", 600, 1_006);
        devices["tablet"].DeleteProgress("movie-z", 1_007);
        devices["tv"].SetProgress("movie-z", 900, 1_002);   // older than the tablet's delete: stays deleted

        var sequence = order.Split(',');
        foreach (var name in sequence)
        {
            await devices[name].SyncAsync(Client(), Ct);
        }

        await instance.DisposeAsync();          // the service restarts; only Postgres remembers
        instance = api.NewInstance();
        foreach (var name in sequence.Concat(sequence))
        {
            await devices[name].SyncAsync(Client(), Ct);
        }

        var watchlist = (await Client().GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct))!.Items.Select(i => i.ContentId).ToHashSet();
        var progress = (await Client().GetFromJsonAsync<ProgressListDto>("/api/v1/progress", Ct))!.Items;
        await instance.DisposeAsync();

        Assert.Equal(["film-a", "film-c", "film-d"], watchlist.Order());
        var movieX = Assert.Single(progress);
        Assert.Equal(("movie-x", 3000, true), (movieX.ContentId, movieX.PositionSeconds, movieX.Completed));
        foreach (var device in devices.Values)
        {
            Assert.Equal(watchlist.Order(), device.Watchlist.Order());
            Assert.Equal((3000, true), device.Progress["movie-x"]);
            Assert.False(device.Progress.ContainsKey("movie-z"), $"{device.DeviceId} still has movie-z");
        }
    }

    [Fact]
    public async Task SameRequestTwice_GivesTheSameState()
    {
        var client = api.ClientFor("idempotent");
        var t = Base;
        var request = new
        {
            deviceId = "tv",
            cursor = (string?)null,
            operations = new object[]
            {
                new { type = "watchlist.add", contentId = "film", tag = "tv-1", hlc = new { physicalMs = t, logical = 0 } },
                new { type = "progress.set", contentId = "movie", positionSeconds = 700, durationSeconds = 6000, state = "playing", hlc = new { physicalMs = t, logical = 1 } },
            },
        };

        var first = await client.PostAsJsonAsync("/api/v1/sync", request, Ct);
        var second = await client.PostAsJsonAsync("/api/v1/sync", request, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single((await client.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct))!.Items);
        Assert.Equal(700, (await client.GetFromJsonAsync<ProgressItemDto>("/api/v1/progress/movie", Ct))!.PositionSeconds);
    }

    public static TheoryData<string, string> InvalidOperations() => new()
    {
        { """{"type":"progress.set","contentId":"m","positionSeconds":-1,"durationSeconds":60,"state":"paused","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].positionSeconds" },
        { """{"type":"progress.set","contentId":"m","positionSeconds":61,"durationSeconds":60,"state":"paused","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].positionSeconds" },
        { """{"type":"progress.set","contentId":"m","positionSeconds":1,"durationSeconds":60,"state":"seeking","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].state" },
        { """{"type":"watchlist.move","contentId":"m","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].type" },
        { """{"type":"progress.set","contentId":"m","positionSeconds":1,"state":"paused","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].durationSeconds" },
        { """{"type":"watchlist.add","contentId":"m","tag":"t"}""", "operations[1].hlc" },
        { """{"type":"watchlist.add","contentId":"m","tag":"t","hlc":{"physicalMs":1,"logical":-1}}""", "operations[1].hlc.logical" },
        { """{"type":"watchlist.add","contentId":"m","tag":" ","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].tag" },
        { """{"type":"watchlist.remove","contentId":"m","tags":[],"hlc":{"physicalMs":1,"logical":0}}""", "operations[1].tags" },
        { """{"type":"watchlist.remove","contentId":"m","tags":["a",""],"hlc":{"physicalMs":1,"logical":0}}""", "operations[1].tags[1]" },
        { $$$"""{"type":"watchlist.add","contentId":"{{{new string('x', 256)}}}","tag":"t","hlc":{"physicalMs":1,"logical":0}}""", "operations[1].contentId" },
        // A day ahead, not minutes: member data is computed at discovery, minutes before a long run reaches this case.
        { $$$"""{"type":"watchlist.add","contentId":"m","tag":"t","hlc":{"physicalMs":{{{TimeProvider.System.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds()}}},"logical":0}}""", "operations[1].hlc" },
    };

    [Theory]
    [MemberData(nameof(InvalidOperations))]
    public async Task AnyInvalidOperation_RejectsTheWholeRequest_AndStoresNothing(string invalid, string field)
    {
        var client = api.ClientFor("reject-" + Guid.NewGuid().ToString("N")[..8]);
        var valid = $$$"""{"type":"watchlist.add","contentId":"ok","tag":"ok-1","hlc":{"physicalMs":{{{Base}}},"logical":0}}""";
        var json = $$"""{"deviceId":"tv","cursor":null,"operations":[{{valid}},{{invalid}}]}""";

        var response = await client.PostAsync("/api/v1/sync", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await client.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct))!.Items);
    }

    /// <summary>
    /// A cursor beyond the user's head was never issued (a database restored from a backup, a client bug): the device
    /// gets the full state, not an empty delta that would leave it without what it lacks. The tv's own operations in
    /// the same request move the head past its cursor, which must not make the cursor look issued.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task CursorBeyondTheHead_GetsTheFullState(int ownOperations)
    {
        var client = api.ClientFor("beyond-head-" + ownOperations);
        var t = Base;
        var phone = await client.PostAsJsonAsync("/api/v1/sync", new
        {
            deviceId = "phone",
            cursor = (string?)null,
            operations = new[] { new { type = "watchlist.add", contentId = "film", tag = "phone-1", hlc = new { physicalMs = t, logical = 0 } } },
        }, Ct);
        var head = (await phone.Content.ReadFromJsonAsync<SyncResponseDto>(Ct))!.Cursor;

        var tv = await client.PostAsJsonAsync("/api/v1/sync", new
        {
            deviceId = "tv",
            cursor = "c2",
            operations = Enumerable.Range(0, ownOperations).Select(i =>
                new { type = "watchlist.add", contentId = $"tv-film-{i}", tag = $"tv-{i}", hlc = new { physicalMs = t + 1, logical = i } }),
        }, Ct);

        Assert.Equal("c1", head);
        Assert.Equal(HttpStatusCode.OK, tv.StatusCode);
        var answer = (await tv.Content.ReadFromJsonAsync<SyncResponseDto>(Ct))!;
        Assert.True(answer.FullResync);
        Assert.Contains(answer.Operations, o => o.ContentId == "film");
        Assert.Equal($"c{1 + ownOperations}", answer.Cursor);
    }

    [Theory]
    [InlineData("""{"deviceId":"tv","cursor":"c","operations":[]}""", null, "cursor")]
    [InlineData("""{"deviceId":"tv","cursor":"c-1","operations":[]}""", null, "cursor")]
    [InlineData("""{"deviceId":"tv","cursor":"c99999999999999999999","operations":[]}""", null, "cursor")]
    [InlineData("""{"deviceId":"tv","cursor":"not-a-cursor","operations":[]}""", null, "cursor")]
    [InlineData("""{"deviceId":"tv","cursor":null,"operations":[]}""", "phone", "X-Device-Id")]
    [InlineData("""{"cursor":null,"operations":[]}""", null, "deviceId")]
    public async Task BadEnvelope_Is400(string json, string? header, string field)
    {
        var client = api.ClientFor("envelope");
        if (header is not null)
        {
            client.DefaultRequestHeaders.Add("X-Device-Id", header);
        }

        var response = await client.PostAsync("/api/v1/sync", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }
}
