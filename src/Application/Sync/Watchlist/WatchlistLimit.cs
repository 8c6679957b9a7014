using MediaGateway.Application.Common.Exceptions;

namespace MediaGateway.Application.Sync.Watchlist;

/// <summary>The answer when an add would take a watchlist beyond <see cref="SyncOptions.MaxWatchlistItems"/> titles.</summary>
public static class WatchlistLimit
{
    public static ConflictException Full(int maxItems) =>
        new($"The watchlist is full: it holds at most {maxItems} titles. Remove one first.",
            new Dictionary<string, object?> { ["maxItems"] = maxItems });
}
