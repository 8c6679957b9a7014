using System.Text.Json;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Messaging;
using MediaGateway.TestSupport;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Platform.PlatformHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Platform;

/// <summary>
/// The channel bus between instances over the real Redis: routing by (channel, key), batching, order, own messages,
/// handler bookkeeping and failing handlers. Each test has a Redis key prefix, so a Redis channel, of its own.
/// </summary>
public sealed class ChannelBusTests
{
    private const string Channel = "probe";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly string _prefix = RedisTestPrefix.New();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_ReachesHandlersOfItsChannelAndKeyOnAnotherInstance_AndNoOtherKey()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        var k1 = new Inbox();
        var k2 = new Inbox();
        var otherChannel = new Inbox();
        var wholeChannel = new Inbox();
        using var s1 = await b.Bus.SubscribeAsync(Channel, "k1", k1.Add);
        using var s2 = await b.Bus.SubscribeAsync(Channel, "k2", k2.Add);
        using var s3 = await b.Bus.SubscribeAsync("other", "k1", otherChannel.Add);
        using var s4 = await b.Bus.SubscribeAsync(Channel, wholeChannel.Add);

        a.Bus.Publish(Channel, "k1", "for k1");
        a.Bus.Publish(Channel, "k2", "for k2");
        a.Bus.Publish("other", "k1", "for other k1");

        await k1.WaitForAsync(1);
        await k2.WaitForAsync(1);
        await otherChannel.WaitForAsync(1);
        await wholeChannel.WaitForAsync(2);
        Assert.Equal([new BusMessage("k1", "for k1", false)], k1.Messages);
        Assert.Equal([new BusMessage("k2", "for k2", false)], k2.Messages);
        Assert.Equal([new BusMessage("k1", "for other k1", false)], otherChannel.Messages);
        Assert.Equal([new BusMessage("k1", "for k1", false), new BusMessage("k2", "for k2", false)], wholeChannel.Messages);
    }

    [Fact]
    public async Task Publish_ManyMessagesAtOnce_TravelInFewBatches_AndArriveInOrder()
    {
        const int count = 1000;
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        await using var observer = await CreateAsync(_prefix);
        var batches = 0;
        var carried = 0;
        await observer.Redis.GetSubscriber().SubscribeAsync(a.Bus.RedisChannel, (_, raw) =>
        {
            using var batch = JsonDocument.Parse((string)raw!);
            Interlocked.Add(ref carried, batch.RootElement.GetProperty("Messages").GetArrayLength());
            Interlocked.Increment(ref batches);
        });
        var remote = new Inbox();
        var local = new Inbox();
        using var onB = await b.Bus.SubscribeAsync(Channel, "k", remote.Add);
        using var onA = await a.Bus.SubscribeAsync(Channel, "k", local.Add);

        for (var i = 0; i < count; i++)
        {
            a.Bus.Publish(Channel, "k", $"{i}");
        }

        await remote.WaitForAsync(count);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref carried) == count), Deadline, Ct), $"Redis carried {carried} messages");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i}"), remote.Messages.Select(m => m.Payload));
        Assert.All(remote.Messages, m => Assert.False(m.FromThisInstance));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i}"), local.Messages.Select(m => m.Payload));
        Assert.All(local.Messages, m => Assert.True(m.FromThisInstance));
        // At most 500 a batch, and published within a few milliseconds: a handful of PUBLISHes, not one each.
        Assert.InRange(Volatile.Read(ref batches), 2, count / 10);
    }

    // The handler of the first message holds its thread until a later message is delivered, or for 2 s. A bus that
    // delivers in order never delivers the later one meanwhile, so it simply waits; one that hands batches to
    // threads of their own delivers it at once, and the order breaks. No outcome depends on the wait's length.
    [Fact]
    public async Task Delivery_KeepsThePublishOrderAcrossBatches_WhileAHandlerIsBusy()
    {
        const int count = 200;
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        var received = new Inbox();
        var firstInHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var laterDelivered = new ManualResetEventSlim();
        using var subscription = await b.Bus.SubscribeAsync(Channel, "k", message =>
        {
            if (message.Payload == "0")
            {
                firstInHandler.TrySetResult();
                laterDelivered.Wait(TimeSpan.FromSeconds(2));
            }
            else
            {
                laterDelivered.Set();
            }

            received.Add(message);
        });

        a.Bus.Publish(Channel, "k", "0");
        await firstInHandler.Task.WaitAsync(Deadline, Ct);   // b is in the first message's handler: the rest go in later batches
        for (var i = 1; i < count; i++)
        {
            a.Bus.Publish(Channel, "k", $"{i}");
        }

        await received.WaitForAsync(count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i}"), received.Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task OwnMessages_AreDeliveredOnceWhenPublished_AndNotAgainWhenRedisEchoesThem()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        var onA = new Inbox();
        var onB = new Inbox();
        using var subscriptionA = await a.Bus.SubscribeAsync(Channel, "k", onA.Add);
        using var subscriptionB = await b.Bus.SubscribeAsync(Channel, "k", onB.Add);

        a.Bus.Publish(Channel, "k", "mine");
        Assert.Equal([new BusMessage("k", "mine", true)], onA.Messages);   // at once, without Redis

        // Redis hands a's subscription its own batch before b's reply, which b sends only after it got "mine".
        await onB.WaitForAsync(1);
        b.Bus.Publish(Channel, "k", "theirs");
        await onA.WaitForAsync(2);

        Assert.Equal([new BusMessage("k", "mine", true), new BusMessage("k", "theirs", false)], onA.Messages);
        Assert.Equal([new BusMessage("k", "mine", false), new BusMessage("k", "theirs", true)], onB.Messages);
    }

    [Fact]
    public async Task Subscriptions_ForAThousandKeys_LeaveNoKeyBehindOnceDisposed()
    {
        const int keys = 1000;
        await using var service = await CreateAsync(_prefix);
        var heard = new Inbox();

        var first = new IDisposable[keys];
        var second = new IDisposable[keys];
        await Parallel.ForAsync(0, keys, Ct, async (i, _) =>
        {
            first[i] = service.Bus.Subscribe(Channel, $"key-{i}", static _ => { });
            second[i] = await service.Bus.SubscribeAsync(Channel, $"key-{i}", heard.Add);
        });
        Assert.Equal(keys, service.Bus.KeysWithHandlers(Channel));

        // A key stays while it has a handler, and that handler still hears it.
        Parallel.For(0, keys, i => first[i].Dispose());
        Assert.Equal(keys, service.Bus.KeysWithHandlers(Channel));
        service.Bus.Publish(Channel, "key-7", "still heard");
        Assert.Equal([new BusMessage("key-7", "still heard", true)], heard.Messages);

        Parallel.For(0, keys, i =>
        {
            second[i].Dispose();
            second[i].Dispose();   // twice is harmless
            first[i].Dispose();
        });
        Assert.Equal(0, service.Bus.KeysWithHandlers(Channel));
        Assert.Equal(1, service.Bus.KeysWithHandlers(TieredCache<Item>.BusChannel));   // the cache's own subscription is untouched
    }

    [Fact]
    public async Task AThrowingHandler_DoesNotStopDeliveryToTheOthers()
    {
        await using var a = await CreateAsync(_prefix);
        await using var b = await CreateAsync(_prefix);
        var sameKeyOnB = new Inbox();
        var otherKeyOnB = new Inbox();
        var wholeChannelOnB = new Inbox();
        var sameKeyOnA = new Inbox();
        static void Throw(BusMessage message) => throw new InvalidOperationException($"handler fails on {message.Payload}");
        using var throwingOnB = await b.Bus.SubscribeAsync(Channel, "k", Throw);
        using var s1 = await b.Bus.SubscribeAsync(Channel, "k", sameKeyOnB.Add);
        using var s2 = await b.Bus.SubscribeAsync(Channel, "k2", otherKeyOnB.Add);
        using var throwingChannelOnB = await b.Bus.SubscribeAsync(Channel, Throw);
        using var s3 = await b.Bus.SubscribeAsync(Channel, wholeChannelOnB.Add);
        using var throwingOnA = await a.Bus.SubscribeAsync(Channel, "k", Throw);
        using var s4 = await a.Bus.SubscribeAsync(Channel, "k", sameKeyOnA.Add);

        var publish = Record.Exception(() =>
        {
            a.Bus.Publish(Channel, "k", "first");
            a.Bus.Publish(Channel, "k2", "second");
        });
        await wholeChannelOnB.WaitForAsync(2);
        a.Bus.Publish(Channel, "k", "third");   // the subscription survived the failures
        await wholeChannelOnB.WaitForAsync(3);   // whole-channel handlers run after the key's

        Assert.Null(publish);
        Assert.Equal(["first", "third"], sameKeyOnB.Messages.Select(m => m.Payload));
        Assert.Equal(["second"], otherKeyOnB.Messages.Select(m => m.Payload));
        Assert.Equal(["first", "second", "third"], wholeChannelOnB.Messages.Select(m => m.Payload));
        Assert.Equal(["first", "third"], sameKeyOnA.Messages.Select(m => m.Payload));
    }

    /// <summary>Messages one handler got, in the order it got them.</summary>
    private sealed class Inbox
    {
        private readonly List<BusMessage> _messages = [];

        public List<BusMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public void Add(BusMessage message)
        {
            lock (_messages)
            {
                _messages.Add(message);
            }
        }

        public async Task WaitForAsync(int count)
        {
            var arrived = await Eventually.TrueAsync(() => Task.FromResult(Messages.Count >= count), Deadline, Ct);
            Assert.True(arrived, $"{Messages.Count} of {count} messages arrived");
        }
    }
}
