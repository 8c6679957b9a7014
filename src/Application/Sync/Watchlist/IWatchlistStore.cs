using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Watchlist;

public sealed record WatchlistEntry(string ContentId, DateTimeOffset AddedAt, string DeviceId);

/// <summary>What an add did.</summary>
public enum WatchlistAddOutcome
{
    Added,
    AlreadyListed,

    /// <summary>The content was not listed and the list already holds its limit of titles: nothing was stored.</summary>
    ListFull,
}

/// <summary>A user's watchlist, stored as the tags of an add-wins observed-remove set.</summary>
public interface IWatchlistStore
{
    /// <summary>
    /// Adds a new tag for the content, replacing the content's tags stored now (which this request observes), unless
    /// the content is not listed and the list already holds <paramref name="maxItems"/> titles.
    /// </summary>
    Task<WatchlistAddOutcome> AddAsync(UserRef user, string contentId, string tag, HybridTimestamp stamp, int maxItems, CancellationToken cancellationToken);

    /// <summary>Removes the content's tags stored now (the ones this request observes); returns how many.</summary>
    Task<int> RemoveObservedAsync(UserRef user, string contentId, HybridTimestamp stamp, CancellationToken cancellationToken);

    /// <summary>Content with at least one live tag, most recently added first.</summary>
    Task<IReadOnlyList<WatchlistEntry>> ListAsync(UserRef user, CancellationToken cancellationToken);
}
