using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

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
        var strangerWriter = ApiFactory.Authorize(instanceA.CreateClient(), "sse-stranger");
        strangerWriter.DefaultRequestHeaders.Add("X-Device-Id", "stranger-tv");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        var strangerEvents = ReadEvents(stranger, timeout.Token);
        // The stranger's subscription is live on B before the owner's change is made: its own change reaches it.
        await WriteUntilReceivedAsync(strangerWriter, "stranger-before", strangerEvents, timeout.Token);

        var received = ReadEvents(listener, timeout.Token);
        var notice = await WriteUntilReceivedAsync(writer, "live-movie", received, timeout.Token);
        Assert.Equal("change", notice.EventType);
        Assert.Equal("live-movie", notice.Data.GetProperty("contentId").GetString());
        Assert.Equal("phone", notice.Data.GetProperty("deviceId").GetString());
        Assert.Single(received.Seen);

        // Barrier: a change of the stranger's own, made through the same instance after every change of the owner's.
        // Notices travel from instance A to B in order, so once this one has reached the stranger, anything of the
        // owner's addressed to it would have arrived before it: what came first is all the stranger will get of those.
        var barrier = await WriteUntilReceivedAsync(strangerWriter, "stranger-after", strangerEvents, timeout.Token);
        Assert.Equal("stranger-tv", barrier.Data.GetProperty("deviceId").GetString());
        Assert.All(strangerEvents.Seen, item =>
        {
            Assert.StartsWith("stranger-", item.Data.GetProperty("contentId").GetString(), StringComparison.Ordinal);
            Assert.Equal("stranger-tv", item.Data.GetProperty("deviceId").GetString());
        });
        await timeout.CancelAsync();
    }

    /// <summary>
    /// Writes progress on <paramref name="contentId"/> until its notice arrives on <paramref name="events"/>, and
    /// returns that notice. Repeats because subscribing is asynchronous: a notice published before the subscription
    /// is live on the other instance never reaches it. The short wait is a poll interval, bounded by the caller's timeout.
    /// </summary>
    private static async Task<SseItem<JsonElement>> WriteUntilReceivedAsync(
        HttpClient writer, string contentId, EventReader events, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await writer.PutAsJsonAsync($"/api/v1/progress/{contentId}",
                new { positionSeconds = 60, durationSeconds = 6000, state = "playing" }, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            poll.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                while (true)
                {
                    var item = await events.NextAsync(poll.Token);
                    if (item.Data.GetProperty("contentId").GetString() == contentId)
                    {
                        return item;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not yet: write again.
            }
        }
    }

    private static EventReader ReadEvents(HttpClient client, CancellationToken cancellationToken)
    {
        var items = Channel.CreateUnbounded<SseItem<JsonElement>>();
        _ = Task.Run(async () =>
        {
            try
            {
                using var response = await client.GetAsync("/api/v1/sync/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await foreach (var item in SseParser.Create(stream, (type, data) => JsonSerializer.Deserialize<JsonElement>(data))
                    .EnumerateAsync(cancellationToken))
                {
                    await items.Writer.WriteAsync(new SseItem<JsonElement>(item.Data, item.EventType), cancellationToken);
                }

                items.Writer.TryComplete(new InvalidOperationException("The event stream ended."));
            }
            catch (Exception exception)
            {
                items.Writer.TryComplete(exception);
            }
        }, CancellationToken.None);
        return new EventReader(items.Reader);
    }

    /// <summary>Every event of one SSE subscription, in order; <see cref="Seen"/> keeps those taken so far.</summary>
    private sealed class EventReader(ChannelReader<SseItem<JsonElement>> items)
    {
        private readonly List<SseItem<JsonElement>> _seen = [];

        public IReadOnlyList<SseItem<JsonElement>> Seen => _seen;

        public async Task<SseItem<JsonElement>> NextAsync(CancellationToken cancellationToken)
        {
            var item = await items.ReadAsync(cancellationToken);
            _seen.Add(item);
            return item;
        }
    }
}
