using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using MediaGateway.Application.Sync;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using MediaGateway.Infrastructure.Platform.Redis;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// Sync notices over Redis pub/sub, so a change made through one API instance reaches SSE listeners on all of
/// them. A notice is a hint to sync now, never the data itself, so publishing is best effort: writes only queue
/// their notice (a full queue drops the oldest), and Redis being down or slow costs a little immediacy and never
/// fails or delays a write. Every instance hears every notice anyway, so one loop publishes whatever has queued
/// within a few milliseconds as one message on one channel: under load that is one PUBLISH per batch of writes
/// instead of one per write. Each instance subscribes once and fans out to its local listeners.
/// </summary>
internal sealed class RedisSyncEvents(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisSyncEvents> logger)
    : BackgroundService, ISyncNotifier, ISyncEventStream
{
    private const int MaxNoticesPerMessage = 500;

    // How long the first notice waits for others to join its message. Without it a PUBLISH left for nearly every
    // PUT /progress (Redis answers faster than writes arrive): 8 us of Redis CPU per request, plus the client's share.
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<SyncNotice>, byte>> _listeners = new(StringComparer.Ordinal);
    private readonly Channel<AddressedNotice> _outbox = Channel.CreateBounded<AddressedNotice>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _subscribed;

    // Kinds travel by their wire names, as they always have, so instances of different versions understand each other.
    private static readonly JsonSerializerOptions MessageJson = new() { Converters = { new NoticeKindConverter() } };

    private RedisChannel Notices => RedisChannel.Literal(options.Value.KeyPrefix + "sync:notices");

    /// <summary>A notice and the user it is for, as it travels between instances.</summary>
    internal sealed record AddressedNotice(string User, SyncNotice Notice);

    private sealed class NoticeKindConverter : JsonConverter<SyncNoticeKind>
    {
        public override SyncNoticeKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SyncNoticeKinds.Names.TryParse(reader.GetString(), out var kind) ? kind : throw new JsonException("Unknown sync notice kind.");

        public override void Write(Utf8JsonWriter writer, SyncNoticeKind value, JsonSerializerOptions options) =>
            writer.WriteStringValue(SyncNoticeKinds.Names.Of(value));
    }

    public Task PublishAsync(UserRef user, SyncNotice notice, CancellationToken cancellationToken)
    {
        _outbox.Writer.TryWrite(new AddressedNotice(Key(user), notice));
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AddressedNotice>(MaxNoticesPerMessage);
        while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(GatherWindow, stoppingToken);
            batch.Clear();
            while (batch.Count < MaxNoticesPerMessage && _outbox.Reader.TryRead(out var notice))
            {
                batch.Add(notice);
            }

            try
            {
                await redis.GetSubscriber().PublishAsync(Notices, JsonSerializer.Serialize(batch, MessageJson));
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                MediaGatewayMetrics.RedisFailures.Add(1);
                logger.LogDebug(exception, "{Count} sync notices not published", batch.Count);
            }
        }
    }

    public async IAsyncEnumerable<SyncNotice> SubscribeAsync(UserRef user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync();
        var channel = Channel.CreateBounded<SyncNotice>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var listeners = _listeners.GetOrAdd(Key(user), _ => new());
        listeners[channel] = 0;
        try
        {
            await foreach (var notice in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return notice;
            }
        }
        finally
        {
            listeners.TryRemove(channel, out _);
        }
    }

    private async Task EnsureSubscribedAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribing.WaitAsync();
        try
        {
            if (!_subscribed)
            {
                // The multiplexer re-subscribes by itself after a reconnect.
                await redis.GetSubscriber().SubscribeAsync(Notices, (_, message) => Deliver(message!));
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Deliver(string message)
    {
        var notices = JsonSerializer.Deserialize<List<AddressedNotice>>(message, MessageJson);
        foreach (var (user, notice) in notices ?? [])
        {
            if (!_listeners.TryGetValue(user, out var listeners))
            {
                continue;
            }

            foreach (var listener in listeners.Keys)
            {
                listener.Writer.TryWrite(notice);
            }
        }
    }

    private static string Key(UserRef user) => $"{user.TenantId.Length}:{user.TenantId}:{user.UserId}";
}
