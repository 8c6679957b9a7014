using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MediaGateway.Application.Sync;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure.Platform.Messaging;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// Sync notices on the channel bus, so a change made through one API instance reaches the SSE listeners of the
/// same user on every instance. A notice is a hint to sync now, never the data itself: publishing only queues
/// it, so Redis being down or slow costs a little immediacy and never fails or delays a write.
/// </summary>
internal sealed class SyncNoticeChannel(RedisChannelBus bus) : ISyncNotifier, ISyncEventStream
{
    internal const string BusChannel = "sync";

    // A listener that falls this far behind loses its oldest notices: each only says "sync now".
    private const int ListenerBacklog = 256;

    public Task PublishAsync(UserRef user, SyncNotice notice, CancellationToken cancellationToken)
    {
        bus.Publish(BusChannel, Key(user), JsonSerializer.Serialize(notice));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<SyncNotice> SubscribeAsync(UserRef user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notices = Channel.CreateBounded<SyncNotice>(new BoundedChannelOptions(ListenerBacklog) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = await bus.SubscribeAsync(BusChannel, Key(user), message =>
        {
            if (JsonSerializer.Deserialize<SyncNotice>(message.Payload) is { } notice)
            {
                notices.Writer.TryWrite(notice);
            }
        });

        await foreach (var notice in notices.Reader.ReadAllAsync(cancellationToken))
        {
            yield return notice;
        }
    }

    // Tenant ids are free text: the length prefix keeps "a:b" + "c" and "a" + "b:c" apart.
    internal static string Key(UserRef user) => $"{user.TenantId.Length}:{user.TenantId}:{user.UserId}";
}
