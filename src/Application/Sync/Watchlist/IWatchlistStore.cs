using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Watchlist;

public sealed record WatchlistEntry(string ContentId, DateTimeOffset AddedAt, string DeviceId);

/// <summary>A user's watchlist, stored as the tags of an add-wins observed-remove set.</summary>
public interface IWatchlistStore
{
    /// <summary>Adds a new tag for the content; returns whether the content was already on the list.</summary>
    Task<bool> AddAsync(UserRef user, string contentId, string tag, HybridTimestamp stamp, CancellationToken cancellationToken);

    /// <summary>Removes the content's tags stored now (the ones this request observes); returns how many.</summary>
    Task<int> RemoveObservedAsync(UserRef user, string contentId, HybridTimestamp stamp, CancellationToken cancellationToken);

    /// <summary>Content with at least one live tag, most recently added first.</summary>
    Task<IReadOnlyList<WatchlistEntry>> ListAsync(UserRef user, CancellationToken cancellationToken);
}
