namespace MediaGateway.Domain.Sync;

/// <summary>The unique tag of one watchlist add (see <see cref="ObservedRemoveSet{T}"/>): a remove names the tags it saw.</summary>
public static class WatchlistTag
{
    public const int MaxLength = 255;

    /// <summary>
    /// The node of the removes the server makes when an add replaces the tags its device had observed
    /// (<see cref="ObservedRemoveSet{T}.AddReplacingObserved"/>). Device ids have no spaces, so this is never a
    /// device's: every device, the adding one included, receives these removes in its delta.
    /// </summary>
    public const string ReplacedByServer = "server replace";
}
