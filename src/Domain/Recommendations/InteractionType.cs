using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Recommendations;

/// <summary>What a user did with a title. Each type has a weight (<see cref="InteractionWeights"/>) in the user's taste.</summary>
public enum InteractionType
{
    View,
    Play,
    Complete,
    Like,
    Dislike,
    Watchlist,
    Rating,
}

public static class InteractionTypes
{
    public static readonly WireNames<InteractionType> Names = new(
        (InteractionType.View, "view"),
        (InteractionType.Play, "play"),
        (InteractionType.Complete, "complete"),
        (InteractionType.Like, "like"),
        (InteractionType.Dislike, "dislike"),
        (InteractionType.Watchlist, "watchlist"),
        (InteractionType.Rating, "rating"));

    public const int MinRating = 1;
    public const int MaxRating = 5;
}
