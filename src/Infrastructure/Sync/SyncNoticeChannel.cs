using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    // Kinds travel by their wire names, so the payload reads the same whatever the enum's order.
    private static readonly JsonSerializerOptions PayloadJson = new() { Converters = { new NoticeKindConverter() } };

    // A listener that falls this far behind loses its oldest notices: each only says "sync now".
    private const int ListenerBacklog = 256;

    public Task PublishAsync(UserRef user, SyncNotice notice, CancellationToken cancellationToken)
    {
        bus.Publish(BusChannel, Key(user), JsonSerializer.Serialize(notice, PayloadJson));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<SyncNotice> SubscribeAsync(UserRef user, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notices = Channel.CreateBounded<SyncNotice>(new BoundedChannelOptions(ListenerBacklog) { FullMode = BoundedChannelFullMode.DropOldest });
        using var subscription = await bus.SubscribeAsync(BusChannel, Key(user), message =>
        {
            if (JsonSerializer.Deserialize<SyncNotice>(message.Payload, PayloadJson) is { } notice)
            {
                notices.Writer.TryWrite(notice);
            }
        });

        await foreach (var notice in notices.Reader.ReadAllAsync(cancellationToken))
        {
            yield return notice;
        }
    }

    private sealed class NoticeKindConverter : JsonConverter<SyncNoticeKind>
    {
        public override SyncNoticeKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SyncNoticeKinds.Names.TryParse(reader.GetString(), out var kind) ? kind : throw new JsonException("Unknown sync notice kind.");

        public override void Write(Utf8JsonWriter writer, SyncNoticeKind value, JsonSerializerOptions options) =>
            writer.WriteStringValue(SyncNoticeKinds.Names.Of(value));
    }

    // Tenant ids are free text: the length prefix keeps "a:b" + "c" and "a" + "b:c" apart.
    internal static string Key(UserRef user) => $"{user.TenantId.Length}:{user.TenantId}:{user.UserId}";
}
