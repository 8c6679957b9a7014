using System.Net;
using MediaGateway.Api.IntegrationTests.Platform;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>An instance that starts while Redis is down still answers the event stream, and delivers once Redis is back.</summary>
public sealed class SyncEventsWithoutRedisTests(HealthTests.ProxiedApiFactory api) : IClassFixture<HealthTests.ProxiedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstanceStartedWithRedisDown_AnswersTheStreamAtOnce_AndDeliversOtherInstancesChangesOnceRedisIsBack()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        api.RedisProxy.Stop();

        // The host starts with the first client, while Redis refuses connections.
        await using var stream = await SseStream.OpenAsync(api.ClientFor("sse-no-redis"), timeout.Token);
        var first = await stream.NextLineAsync(timeout.Token);
        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal(": heartbeat", first);

        api.RedisProxy.Start();
        await using var other = api.NewInstance();
        var writer = ApiFactory.Authorize(other.CreateClient(), "sse-no-redis");
        writer.DefaultRequestHeaders.Add("X-Device-Id", "phone");
        // Each instance subscribes once Redis answers (within a few seconds): write until the change gets through.
        var delivered = Task.Run(() => stream.NextChangeAsync(timeout.Token), timeout.Token);
        for (var attempt = 0; !delivered.IsCompleted; attempt++)
        {
            (await writer.PutAsJsonAsync($"/api/v1/progress/back-{attempt}", new { positionSeconds = 60, durationSeconds = 6000, state = "playing" }, timeout.Token))
                .EnsureSuccessStatusCode();
            await Task.WhenAny(delivered, Task.Delay(500, timeout.Token));
        }

        Assert.StartsWith("back-", (await delivered).GetProperty("contentId").GetString(), StringComparison.Ordinal);
    }
}
