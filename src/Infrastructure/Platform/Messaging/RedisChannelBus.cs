using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using MediaGateway.Infrastructure.Platform.Redis;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Platform.Messaging;

/// <summary>A message as a subscriber sees it: the key it was published under, its payload, and whether this instance sent it.</summary>
public readonly record struct BusMessage(string Key, string Payload, bool FromThisInstance);

/// <summary>
/// Short messages between the service's instances over Redis pub/sub: sync notices for SSE listeners, cache
/// invalidations for the backplane, and whatever a later feature needs. Every message is best effort (a hint,
/// never the data): publishing only queues it, and one loop sends whatever queued within a few milliseconds as
/// one PUBLISH on the process's one Redis channel, so under load that is one round trip per batch rather than
/// per message. Each process subscribes once and fans each message out to the handlers of its (channel, key).
/// Handlers on this instance hear its own messages at once, without the round trip, so they work while Redis
/// is down. Another instance's messages reach handlers in the order it published them, one at a time on the
/// subscription's loop: handlers must be quick and must not block, or they hold up every later message.
/// </summary>
public sealed class RedisChannelBus : IHostedService, IAsyncDisposable
{
    private const int MaxMessagesPerBatch = 500;

    // How long the first message waits for others to join its batch. Without it a PUBLISH left for nearly every
    // PUT /progress (Redis answers faster than writes arrive): 8 us of Redis CPU per request, plus the client's share.
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisOptions _options;
    private readonly MediaGatewayMetrics _metrics;
    private readonly ILogger<RedisChannelBus> _logger;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly Channel<Envelope> _outbox = Channel.CreateBounded<Envelope>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly ConcurrentDictionary<(string Channel, string Key), Handler[]> _byKey = new();
    private readonly ConcurrentDictionary<string, Handler[]> _byChannel = new(StringComparer.Ordinal);
    private readonly Lock _handlersLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _startLock = new();
    private Task? _publishing;
    private Task? _subscribing;
    private bool _publishFailing;
    private int _stopped;

    public RedisChannelBus(IConnectionMultiplexer redis, IOptions<RedisOptions> options, MediaGatewayMetrics metrics, ILogger<RedisChannelBus> logger)
    {
        _redis = redis;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        RedisChannel = RedisChannel.Literal(_options.KeyPrefix + "bus");
    }

    /// <summary>The one Redis channel every message of this deployment travels on.</summary>
    public RedisChannel RedisChannel { get; }

    /// <summary>Handlers of (<paramref name="channel"/>, <paramref name="key"/>) on every instance get <paramref name="payload"/>; best effort.</summary>
    public void Publish(string channel, string key, string payload)
    {
        EnsureStarted();
        var envelope = new Envelope(channel, key, payload);
        Deliver(envelope, fromThisInstance: true);
        _outbox.Writer.TryWrite(envelope);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every message of (<paramref name="channel"/>, <paramref name="key"/>) until the
    /// result is disposed. Waits at most the Redis operation timeout for the process's subscription, so a message
    /// another instance publishes after this returns is heard whenever Redis is up.
    /// </summary>
    public async ValueTask<IDisposable> SubscribeAsync(string channel, string key, Action<BusMessage> handler)
    {
        var registration = Add(_byKey, (channel, key), new Handler(handler));
        await WaitForSubscriptionAsync();
        return registration;
    }

    /// <summary>
    /// As <see cref="SubscribeAsync(string, string, Action{BusMessage})"/>, without waiting for the process's Redis
    /// subscription: for listeners that live as long as the process and may miss what is sent before it is up.
    /// </summary>
    public IDisposable Subscribe(string channel, string key, Action<BusMessage> handler)
    {
        EnsureStarted();
        return Add(_byKey, (channel, key), new Handler(handler));
    }

    /// <summary>Calls <paramref name="handler"/> for every message of <paramref name="channel"/>, whatever its key.</summary>
    public async ValueTask<IDisposable> SubscribeAsync(string channel, Action<BusMessage> handler)
    {
        var registration = Add(_byChannel, channel, new Handler(handler));
        await WaitForSubscriptionAsync();
        return registration;
    }

    /// <summary>Keys of <paramref name="channel"/> that have at least one handler on this instance (none are kept without one).</summary>
    public int KeysWithHandlers(string channel) => _byKey.Keys.Count(k => k.Channel == channel);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>Sends what is still queued, then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _outbox.Writer.TryComplete();
        if (_publishing is not null)
        {
            await _publishing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // The host may stop this and dispose it in either order, or twice.
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (_subscribing is not null)
        {
            await _subscribing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Started by the host, or by the first use in a container without one (test harnesses, commands).
    private void EnsureStarted()
    {
        if (_publishing is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_publishing is null)
            {
                _subscribing = Task.Run(() => SubscribeUntilDoneAsync(_stopping.Token));
                _publishing = Task.Run(() => PublishLoopAsync(_stopping.Token));
            }
        }
    }

    private async Task WaitForSubscriptionAsync()
    {
        EnsureStarted();
        var budget = TimeSpan.FromMilliseconds(_options.OperationTimeoutMilliseconds);
        await _subscribed.Task.WaitAsync(budget).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SubscribeUntilDoneAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // The multiplexer re-subscribes by itself after a reconnect, once this has succeeded. A queue, not a
                // callback: the multiplexer runs each callback as a thread-pool item of its own, so two batches
                // could be handled at once and out of order; the queue's loop handles them one after the other.
                var queue = await _redis.GetSubscriber().SubscribeAsync(RedisChannel);
                queue.OnMessage(message => Receive(message.Message!));
                _subscribed.TrySetResult();
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                _metrics.RedisFailures.Add(1);
                _logger.LogDebug(exception, "Channel bus not subscribed yet; retrying");
                await Task.Delay(SubscribeRetry, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task PublishLoopAsync(CancellationToken stopping)
    {
        var batch = new List<Envelope>(MaxMessagesPerBatch);
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stopping))
            {
                await Task.Delay(GatherWindow, stopping);
                batch.Clear();
                while (batch.Count < MaxMessagesPerBatch && _outbox.Reader.TryRead(out var envelope))
                {
                    batch.Add(envelope);
                }

                await PublishAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task PublishAsync(List<Envelope> batch)
    {
        try
        {
            await _redis.GetSubscriber().PublishAsync(RedisChannel, JsonSerializer.Serialize(new Batch(_instanceId, batch)));
            if (_publishFailing)
            {
                _publishFailing = false;
                _logger.LogInformation("Channel bus publishing again");
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _metrics.RedisFailures.Add(1);
            if (!_publishFailing)
            {
                _publishFailing = true;
                _logger.LogWarning(exception, "Channel bus cannot publish; messages to other instances are dropped until Redis answers");
            }
        }
    }

    private void Receive(string message)
    {
        Batch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<Batch>(message);
        }
        catch (JsonException exception)
        {
            _logger.LogWarning(exception, "Channel bus message ignored: not a batch");
            return;
        }

        // This instance's own messages were delivered when they were published.
        if (batch is null || batch.Origin == _instanceId)
        {
            return;
        }

        foreach (var envelope in batch.Messages)
        {
            Deliver(envelope, fromThisInstance: false);
        }
    }

    private void Deliver(Envelope envelope, bool fromThisInstance)
    {
        var message = new BusMessage(envelope.Key, envelope.Payload, fromThisInstance);
        if (_byKey.TryGetValue((envelope.Channel, envelope.Key), out var keyed))
        {
            Invoke(keyed, message);
        }

        if (_byChannel.TryGetValue(envelope.Channel, out var all))
        {
            Invoke(all, message);
        }
    }

    private void Invoke(Handler[] handlers, BusMessage message)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler.Action(message);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "A channel bus handler failed for key {Key}", message.Key);
            }
        }
    }

    // Copy-on-write arrays: delivery reads without a lock; a key's entry goes with its last handler, so the map
    // holds only keys someone listens to.
    private Registration Add<TKey>(ConcurrentDictionary<TKey, Handler[]> map, TKey key, Handler handler)
        where TKey : notnull
    {
        lock (_handlersLock)
        {
            map[key] = map.TryGetValue(key, out var existing) ? [.. existing, handler] : [handler];
        }

        return new Registration(() =>
        {
            lock (_handlersLock)
            {
                if (!map.TryGetValue(key, out var existing))
                {
                    return;
                }

                var remaining = existing.Where(h => !ReferenceEquals(h, handler)).ToArray();
                if (remaining.Length == 0)
                {
                    map.TryRemove(key, out _);
                }
                else
                {
                    map[key] = remaining;
                }
            }
        });
    }

    private sealed record Handler(Action<BusMessage> Action);

    internal sealed record Envelope(string Channel, string Key, string Payload);

    internal sealed record Batch(string Origin, List<Envelope> Messages);

    private sealed class Registration(Action remove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                remove();
            }
        }
    }
}
