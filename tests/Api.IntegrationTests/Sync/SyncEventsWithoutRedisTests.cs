using System.Net;
using MediaGateway.Api.IntegrationTests.Platform;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

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
        // Each instance subscribes to the bus's Redis channel once Redis answers (the reader retries every second):
        // write once both subscriptions are there, so the change cannot be published into an empty channel.
        var bus = api.Services.GetRequiredService<RedisChannelBus>();
        var redis = api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            var reply = (RedisResult[])(await redis.ExecuteAsync("PUBSUB", "NUMSUB", bus.RedisChannel.ToString()))!;
            return (long)reply[1] >= 2;
        }, TimeSpan.FromSeconds(30), timeout.Token), "both instances subscribed to the bus");

        // Publishing is best effort: a notice sent while the writer's own Redis connection is still coming up is
        // dropped by design. So write, wait for the delivery, and write again only if it did not come.
        var delivered = stream.NextChangeAsync(timeout.Token);
        for (var attempt = 0; !delivered.IsCompleted; attempt++)
        {
            (await writer.PutAsJsonAsync($"/api/v1/progress/back-{attempt}", new { positionSeconds = 60, durationSeconds = 6000, state = "playing" }, timeout.Token))
                .EnsureSuccessStatusCode();
            await Eventually.TrueAsync(() => Task.FromResult(delivered.IsCompleted), TimeSpan.FromSeconds(2), timeout.Token);
        }

        Assert.StartsWith("back-", (await delivered).GetProperty("contentId").GetString(), StringComparison.Ordinal);
    }
}
