using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.DeltaSync;

/// <summary>A device's operation, parsed and stamped: the node of <see cref="Stamp"/> is the device.</summary>
public abstract record SyncOperation(string ContentId, HybridTimestamp Stamp);

public sealed record WatchlistAddOperation(string ContentId, string Tag, HybridTimestamp Stamp) : SyncOperation(ContentId, Stamp);

public sealed record WatchlistRemoveOperation(string ContentId, IReadOnlyList<string> Tags, HybridTimestamp Stamp) : SyncOperation(ContentId, Stamp);

public sealed record ProgressSetOperation(string ContentId, PlaybackPosition Position, HybridTimestamp Stamp) : SyncOperation(ContentId, Stamp);

public sealed record ProgressDeleteOperation(string ContentId, HybridTimestamp Stamp) : SyncOperation(ContentId, Stamp);

/// <summary>What one sync writes: watchlist tags as they came, progress already merged per title.</summary>
public sealed record SyncBatch(
    IReadOnlyList<WatchlistAddOperation> Adds,
    IReadOnlyList<WatchlistRemoveOperation> Removes,
    IReadOnlyDictionary<string, ContentProgress> Progress)
{
    /// <summary>
    /// Titles the user's watchlist may hold after this batch: when its adds would take the list beyond this (and beyond
    /// what it held before), nothing is stored and the delta says <see cref="SyncDelta.WatchlistFull"/>.
    /// </summary>
    public int MaxWatchlistItems { get; init; } = int.MaxValue;

    public bool IsEmpty => Adds.Count == 0 && Removes.Count == 0 && Progress.Count == 0;
}

/// <summary>One stored watchlist tag as a delta: added, removed, or removed before its add arrived.</summary>
public sealed record WatchlistTagChange(string ContentId, string Tag, HybridTimestamp? Added, HybridTimestamp? Removed);

/// <summary>The changes since the device's cursor and the cursor to send next time.</summary>
public sealed record SyncDelta(
    long Cursor,
    bool FullResync,
    IReadOnlyList<WatchlistTagChange> Watchlist,
    IReadOnlyList<Progress.StoredProgress> Progress)
{
    /// <summary>The batch's adds would have taken the watchlist beyond its limit: nothing was stored, and nothing was read.</summary>
    public bool WatchlistFull { get; init; }
}
