using System.Net;
using System.Text;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>
/// Application validates the device id as the command's DeviceId; the API names the X-Device-Id header in the
/// errors, because that is what the client sent. The whole errors object is pinned, messages included.
/// </summary>
public sealed class DeviceHeaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string user, string? deviceId)
    {
        var client = api.ClientFor(user);
        if (deviceId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Device-Id", deviceId);
        }

        return client;
    }

    private static async Task AssertOnlyErrorAsync(HttpResponseMessage response, string field, string message)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        var (onlyField, messages) = Assert.Single(errors!);
        Assert.Equal(field, onlyField);
        Assert.Equal([message], messages);
    }

    [Fact]
    public async Task PutProgress_WithoutTheHeader_NamesTheHeader()
    {
        var response = await Client("h-missing", null).PutAsJsonAsync(
            "/api/v1/progress/movie", new { positionSeconds = 10, durationSeconds = 6000, state = "paused" }, Ct);

        await AssertOnlyErrorAsync(response, "X-Device-Id", "'deviceId' must not be empty.");
    }

    [Fact]
    public async Task RemoveFromWatchlist_WithASpaceInTheHeader_NamesTheHeader()
    {
        var response = await Client("h-space", "has space").DeleteAsync("/api/v1/watchlist/items/film", Ct);

        await AssertOnlyErrorAsync(response, "X-Device-Id", "A device id is printable ASCII without spaces.");
    }

    [Fact]
    public async Task Sync_HeaderDisagreeingWithTheBody_NamesTheHeader()
    {
        var body = new StringContent("""{"deviceId":"tv","cursor":null,"operations":[]}""", Encoding.UTF8, "application/json");

        var response = await Client("h-mismatch", "phone").PostAsync("/api/v1/sync", body, Ct);

        await AssertOnlyErrorAsync(response, "X-Device-Id", "'X-Device-Id' must match 'deviceId'.");
    }

    [Fact]
    public async Task Sync_BodyWithoutDeviceId_NamesTheBodyField()
    {
        var body = new StringContent("""{"cursor":null,"operations":[]}""", Encoding.UTF8, "application/json");

        var response = await Client("h-body", null).PostAsync("/api/v1/sync", body, Ct);

        await AssertOnlyErrorAsync(response, "deviceId", "'deviceId' must not be empty.");
    }
}
