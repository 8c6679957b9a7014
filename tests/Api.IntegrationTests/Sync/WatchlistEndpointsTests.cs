using System.Net;
using MediaGateway.Application.Sync.Watchlist;

namespace MediaGateway.Api.IntegrationTests.Sync;

public sealed class WatchlistEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Device(string user, string deviceId)
    {
        var client = api.ClientFor(user);
        client.DefaultRequestHeaders.Add("X-Device-Id", deviceId);
        return client;
    }

    [Fact]
    public async Task Add_List_Remove()
    {
        var phone = Device("w-user", "phone");

        var first = await phone.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "film-1" }, Ct);
        var again = await phone.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "film-1" }, Ct);
        await phone.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "film-2" }, Ct);
        var listed = await phone.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct);
        var removed = await phone.DeleteAsync("/api/v1/watchlist/items/film-1", Ct);
        var removedAgain = await phone.DeleteAsync("/api/v1/watchlist/items/film-1", Ct);
        var after = await phone.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["film-2", "film-1"], listed!.Items.Select(i => i.ContentId));
        Assert.All(listed.Items, i => Assert.Equal("phone", i.DeviceId));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await removedAgain.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["film-2"], after!.Items.Select(i => i.ContentId));
    }

    [Fact]
    public async Task Watchlists_AreIsolatedByUserAndTenant()
    {
        await Device("w-owner", "tv").PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = "mine" }, Ct);

        var other = await api.ClientFor("w-other").GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct);
        var otherTenant = await api.ClientFor("w-owner", "tenant-b").GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct);
        var removeElsewhere = await Device("w-owner-b", "tv").DeleteAsync("/api/v1/watchlist/items/mine", Ct);

        Assert.Empty(other!.Items);
        Assert.Empty(otherTenant!.Items);
        Assert.Equal(HttpStatusCode.NotFound, removeElsewhere.StatusCode);
    }

    [Theory]
    [InlineData(null, "film", "X-Device-Id")]
    [InlineData("tv", "", "contentId")]
    [InlineData("has space", "film", "X-Device-Id")]
    [InlineData("tv", "c256", "contentId")]
    public async Task Add_BadInput_Is400(string? deviceId, string contentId, string field)
    {
        var client = api.ClientFor("w-bad");
        if (deviceId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Device-Id", deviceId);
        }

        contentId = contentId == "c256" ? new string('c', 256) : contentId;   // InlineData stays readable

        var response = await client.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId }, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty((await client.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct))!.Items);
    }

    [Fact]
    public async Task ContentIdOf255Characters_IsAddedAndRemoved_256IsRefusedOnRemove()
    {
        var tv = Device("w-long", "tv");
        var longest = new string('c', 255);

        var added = await tv.PostAsJsonAsync("/api/v1/watchlist/items", new { contentId = longest }, Ct);
        var listed = await tv.GetFromJsonAsync<WatchlistDto>("/api/v1/watchlist", Ct);
        var tooLong = await tv.DeleteAsync($"/api/v1/watchlist/items/{new string('c', 256)}", Ct);
        var removed = await tv.DeleteAsync($"/api/v1/watchlist/items/{longest}", Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal([longest], listed!.Items.Select(i => i.ContentId));
        var problem = await tooLong.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contentId", out _), problem.GetRawText());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }
}
