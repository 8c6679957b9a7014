using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MediaGateway.Application.Sync;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Caching;

/// <summary>
/// Sync notices over Redis pub/sub, so a change made through one API instance reaches SSE listeners on all of
/// them. Publishing is fire-and-forget: a notice is a hint to sync now, never the data itself, so Redis being
/// down costs a little immediacy and never fails a write. Each instance subscribes once and fans out locally.
/// </summary>
internal sealed class RedisSyncEvents(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisSyncEvents> logger)
    : ISyncNotifier, ISyncEventStream
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<SyncNotice>, byte>> _listeners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _subscribed;

    private string Prefix => options.Value.KeyPrefix + "sync:";

    public Task PublishAsync(UserRef user, SyncNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            redis.GetSubscriber().Publish(RedisChannel.Literal(Prefix + Key(user)), JsonSerializer.Serialize(notice), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            MediaGatewayMetrics.RedisFailures.Add(1);
            logger.LogDebug(exception, "Sync notice not published");
        }

        return Task.CompletedTask;
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
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(Prefix + "*"), (channel, message) => Deliver(channel!, message!));
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Deliver(string channel, string message)
    {
        if (!_listeners.TryGetValue(channel[Prefix.Length..], out var listeners) || listeners.IsEmpty)
        {
            return;
        }

        var notice = JsonSerializer.Deserialize<SyncNotice>(message);
        if (notice is null)
        {
            return;
        }

        foreach (var listener in listeners.Keys)
        {
            listener.Writer.TryWrite(notice);
        }
    }

    private static string Key(UserRef user) => $"{user.TenantId.Length}:{user.TenantId}:{user.UserId}";
}
