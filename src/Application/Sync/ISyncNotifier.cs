using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Sync;

/// <summary>A change the user's other devices may want to hear about at once (the sync event stream).</summary>
public sealed record SyncNotice(SyncNoticeKind Kind, string ContentId, string DeviceId, long? Cursor);

/// <summary>Tells every API instance about a user's committed change. Best effort: a lost notice only delays a device until its next sync.</summary>
public interface ISyncNotifier
{
    Task PublishAsync(UserRef user, SyncNotice notice, CancellationToken cancellationToken);
}
