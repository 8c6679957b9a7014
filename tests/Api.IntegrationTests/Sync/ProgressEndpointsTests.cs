using System.Net;
using MediaGateway.Application.Sync.Progress;

namespace MediaGateway.Api.IntegrationTests.Sync;

public sealed class ProgressEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Device(string user, string deviceId)
    {
        var client = api.ClientFor(user);
        client.DefaultRequestHeaders.Add("X-Device-Id", deviceId);
        return client;
    }

    private static object Body(int position, int duration = 6000, string state = "paused") =>
        new { positionSeconds = position, durationSeconds = duration, state };

    [Fact]
    public async Task Put_ThenGet_ReturnsWhatIsStored()
    {
        var tv = Device("p-user", "tv");

        var put = await tv.PutAsJsonAsync("/api/v1/progress/movie-1", Body(1500), Ct);
        var item = await tv.GetFromJsonAsync<ProgressItemDto>("/api/v1/progress/movie-1", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("movie-1", 1500, 6000, "paused", 25.0, false, "tv"),
            (item!.ContentId, item.PositionSeconds, item.DurationSeconds, item.State, item.Percent, item.Completed, item.DeviceId));
    }

    [Fact]
    public async Task List_FiltersContinueWatchingAndCompleted()
    {
        var tv = Device("list-user", "tv");
        await tv.PutAsJsonAsync("/api/v1/progress/in-progress", Body(1200), Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/barely-started", Body(100), Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/short-clip", Body(100, duration: 200), Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/finished", Body(5500), Ct);

        var inProgress = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress?status=in-progress", Ct);
        var completed = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress?status=completed", Ct);
        var all = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress", Ct);

        Assert.Equal(["in-progress"], inProgress!.Items.Select(i => i.ContentId));
        Assert.Equal(["finished"], completed!.Items.Select(i => i.ContentId));
        Assert.Equal(4, all!.Items.Count);
    }

    [Fact]
    public async Task Put_LosingToANewerDeleteFromAnotherDevice_Is409NamingTheTitle()
    {
        // The phone's delete reaches another instance, stamped by a phone clock 30 s ahead (within the drift allowed);
        // this instance's clock has not seen it, so the TV's later write carries an older stamp and loses.
        using var otherInstance = api.NewInstance();
        var phone = ApiFactory.Authorize(otherInstance.CreateClient(), "lost-user");
        var ahead = TimeProvider.System.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds();
        var delete = new { type = "progress.delete", contentId = "movie-lost", hlc = new { physicalMs = ahead, logical = 0 } };
        (await phone.PostAsJsonAsync("/api/v1/sync", new { deviceId = "phone", operations = new[] { delete } }, Ct)).EnsureSuccessStatusCode();

        var put = await Device("lost-user", "tv").PutAsJsonAsync("/api/v1/progress/movie-lost", Body(100), Ct);

        var problem = await put.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("movie-lost", problem.GetProperty("contentId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Device("lost-user", "tv").GetAsync("/api/v1/progress/movie-lost", Ct)).StatusCode);
    }

    [Fact]
    public async Task Delete_MarksUnwatched_ThenGetIs404()
    {
        var tv = Device("del-user", "tv");
        await tv.PutAsJsonAsync("/api/v1/progress/movie", Body(5900), Ct);

        var deleted = await tv.DeleteAsync("/api/v1/progress/movie", Ct);
        var again = await tv.DeleteAsync("/api/v1/progress/movie", Ct);
        var get = await tv.GetAsync("/api/v1/progress/movie", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await get.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Progress_IsTheCallersOwn()
    {
        await Device("owner", "tv").PutAsJsonAsync("/api/v1/progress/private", Body(1200), Ct);

        var other = await api.ClientFor("someone-else").GetAsync("/api/v1/progress/private", Ct);
        var otherTenant = await api.ClientFor("owner", "tenant-b").GetAsync("/api/v1/progress/private", Ct);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("all")]
    [InlineData("in-progress")]
    [InlineData("completed")]
    public async Task List_IsTheTenantsOwn_ForTheSameUserId_InEveryStatus(string? status)
    {
        var user = "twin-" + (status ?? "none");
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            var client = api.ClientFor(user, tenant);
            client.DefaultRequestHeaders.Add("X-Device-Id", "tv");
            await client.PutAsJsonAsync($"/api/v1/progress/{tenant}-watching", Body(1200), Ct);
            await client.PutAsJsonAsync($"/api/v1/progress/{tenant}-finished", Body(5900), Ct);
        }

        var query = status is null ? "/api/v1/progress" : $"/api/v1/progress?status={status}";
        var a = await api.ClientFor(user, "tenant-a").GetFromJsonAsync<ProgressListDto>(query, Ct);
        var b = await api.ClientFor(user, "tenant-b").GetFromJsonAsync<ProgressListDto>(query, Ct);

        string[] Expected(string tenant) => status switch
        {
            "in-progress" => [$"{tenant}-watching"],
            "completed" => [$"{tenant}-finished"],
            _ => [$"{tenant}-finished", $"{tenant}-watching"],
        };
        Assert.Equal(Expected("tenant-a"), a!.Items.Select(i => i.ContentId));
        Assert.Equal(Expected("tenant-b"), b!.Items.Select(i => i.ContentId));
    }

    [Fact]
    public async Task Put_ContentIdOf255Characters_IsStored()
    {
        var tv = Device("long-id", "tv");
        var contentId = new string('c', 255);

        var put = await tv.PutAsJsonAsync($"/api/v1/progress/{contentId}", Body(10), Ct);
        var item = await tv.GetFromJsonAsync<ProgressItemDto>($"/api/v1/progress/{contentId}", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(contentId, item!.ContentId);
    }

    public static TheoryData<string, object, string> BadRequests() => new()
    {
        { "neg", Body(-1), "positionSeconds" },
        { "beyond", Body(6001), "positionSeconds" },
        { "state", Body(10, state: "rewinding"), "state" },
        { new string('c', 256), Body(10), "contentId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Put_BadInput_Is400NamingTheField_AndStoresNothing(string contentId, object body, string field)
    {
        var tv = Device("bad-user", "tv");

        var response = await tv.PutAsJsonAsync($"/api/v1/progress/{contentId}", body, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        var all = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress", Ct);
        Assert.Empty(all!.Items);
    }

    [Fact]
    public async Task Put_WithoutDeviceHeader_Is400()
    {
        var response = await api.ClientFor("anon-device").PutAsJsonAsync("/api/v1/progress/movie", Body(10), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("X-Device-Id", out _), problem.GetRawText());
    }
}
