using MediaGateway.Domain.Common;

namespace MediaGateway.Application.Sync.DeltaSync;

/// <summary>What one sync operation does; devices send these and get them back in deltas.</summary>
public enum SyncOperationType
{
    WatchlistAdd,
    WatchlistRemove,
    ProgressSet,
    ProgressDelete,
}

/// <summary>The <c>type</c> of an operation, as devices send it and get it back.</summary>
public static class SyncOperationTypes
{
    public static readonly WireNames<SyncOperationType> Names = new(
        (SyncOperationType.WatchlistAdd, "watchlist.add"),
        (SyncOperationType.WatchlistRemove, "watchlist.remove"),
        (SyncOperationType.ProgressSet, "progress.set"),
        (SyncOperationType.ProgressDelete, "progress.delete"));
}
