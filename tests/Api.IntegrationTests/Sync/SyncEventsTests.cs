using System.Net.ServerSentEvents;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Sync;

public sealed class SyncEventsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangeOnOneInstance_ReachesAListenerOnAnother_AndOnlyTheOwner()
    {
        await using var instanceA = api.NewInstance();
        await using var instanceB = api.NewInstance();
        var listener = ApiFactory.Authorize(instanceB.CreateClient(), "sse-user");
        var stranger = ApiFactory.Authorize(instanceB.CreateClient(), "sse-stranger");
        var writer = ApiFactory.Authorize(instanceA.CreateClient(), "sse-user");
        writer.DefaultRequestHeaders.Add("X-Device-Id", "phone");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        var received = ReadFirstEventAsync(listener, timeout.Token);
        var strangerReceived = ReadFirstEventAsync(stranger, timeout.Token);
        // Keep writing until the subscription is live on the other instance (subscribing is asynchronous).
        while (!received.IsCompleted)
        {
            await writer.PutAsJsonAsync("/api/v1/progress/live-movie",
                new { positionSeconds = 60, durationSeconds = 6000, state = "playing" }, timeout.Token);
            await Task.WhenAny(received, Task.Delay(200, timeout.Token));
        }

        var notice = await received;
        Assert.Equal("change", notice.EventType);
        Assert.Equal("live-movie", notice.Data.GetProperty("contentId").GetString());
        Assert.Equal("phone", notice.Data.GetProperty("deviceId").GetString());
        Assert.False(strangerReceived.IsCompleted);
        await timeout.CancelAsync();
    }

    private static async Task<SseItem<JsonElement>> ReadFirstEventAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/api/v1/sync/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream, (type, data) => (type, JsonSerializer.Deserialize<JsonElement>(data)))
            .EnumerateAsync(cancellationToken))
        {
            return new SseItem<JsonElement>(item.Data.Item2, item.EventType);
        }

        throw new InvalidOperationException("The event stream ended without an event.");
    }
}
