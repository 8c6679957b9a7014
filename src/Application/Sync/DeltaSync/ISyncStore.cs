using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Sync.DeltaSync;

public interface ISyncStore
{
    /// <summary>
    /// In one transaction: applies the batch (idempotently; LWW and OR-Set rules enforced in SQL), records that the
    /// device acknowledged <paramref name="cursor"/>, and reads every change after it made by the user's other
    /// devices. A cursor older than the garbage-collected tombstones, or beyond the user's head (never issued), yields
    /// the full state instead.
    /// </summary>
    Task<SyncDelta> SyncAsync(UserRef user, string deviceId, long? cursor, SyncBatch batch, CancellationToken cancellationToken);
}
