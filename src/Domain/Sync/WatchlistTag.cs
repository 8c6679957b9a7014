namespace MediaGateway.Domain.Sync;

/// <summary>The unique tag of one watchlist add (see <see cref="ObservedRemoveSet{T}"/>): a remove names the tags it saw.</summary>
public static class WatchlistTag
{
    public const int MaxLength = 255;
}
