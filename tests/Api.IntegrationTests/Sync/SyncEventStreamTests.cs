using System.Net;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests.Sync;

public sealed class SyncEventStreamTests : IClassFixture<SyncEventStreamTests.FastHeartbeatApi>
{
    private readonly FastHeartbeatApi _api;

    public SyncEventStreamTests(FastHeartbeatApi api) => _api = api;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class FastHeartbeatApi : ApiFactory
    {
        public FastHeartbeatApi() => Set("Sync:EventsHeartbeatSeconds", "1");
    }

    [Fact]
    public async Task OpenStream_SendsHeadersAndAHeartbeatAtOnce_ThenEveryInterval_AndChanges()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var writer = _api.ClientFor("sse-heartbeat");
        writer.DefaultRequestHeaders.Add("X-Device-Id", "phone");

        // Nothing changes for this user: before the fix no header and no byte came, and this timed out.
        await using var stream = await SseStream.OpenAsync(_api.ClientFor("sse-heartbeat"), timeout.Token);
        var first = await stream.NextLineAsync(timeout.Token);
        var second = await stream.NextLineAsync(timeout.Token);
        (await writer.PutAsJsonAsync("/api/v1/progress/beat-movie", new { positionSeconds = 60, durationSeconds = 6000, state = "playing" }, timeout.Token))
            .EnsureSuccessStatusCode();
        var change = await stream.NextChangeAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal(": heartbeat", first);
        Assert.Equal(": heartbeat", second);
        Assert.Equal("beat-movie", change.GetProperty("contentId").GetString());
        Assert.Equal("phone", change.GetProperty("deviceId").GetString());
    }

    [Fact]
    public async Task StreamsOfManyUsers_OpenedAndClosed_LeaveNoListenerEntryBehind()
    {
        const int users = 200;
        var bus = _api.Services.GetRequiredService<RedisChannelBus>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        Assert.True(await NoListenersAsync(bus, timeout.Token), "a listener of another test is still open");

        var streams = await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            var stream = await SseStream.OpenAsync(_api.ClientFor($"sse-many-{i}", $"tenant-{i % 7}"), timeout.Token);
            await stream.NextLineAsync(timeout.Token);   // the first heartbeat: this user's listener is registered
            return stream;
        }));
        var whileOpen = bus.KeysWithHandlers("sync");
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        Assert.Equal(users, whileOpen);
        Assert.True(await NoListenersAsync(bus, timeout.Token), $"{bus.KeysWithHandlers("sync")} users still have an entry");
    }

    // A closed stream's listener goes when the server notices the client left: soon, not at once.
    private static Task<bool> NoListenersAsync(RedisChannelBus bus, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(() => Task.FromResult(bus.KeysWithHandlers("sync") == 0), TimeSpan.FromSeconds(30), cancellationToken);
}
