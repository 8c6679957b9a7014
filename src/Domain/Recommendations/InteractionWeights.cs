namespace MediaGateway.Domain.Recommendations;

/// <summary>
/// How much each kind of interaction says about a user's taste. Negative weights push the taste away from a
/// title. A rating weighs its value minus <see cref="RatingNeutral"/>: 5 is +2, 3 says nothing, 1 is -2.
/// </summary>
public sealed record InteractionWeights(double View, double Play, double Complete, double Like, double Dislike, double Watchlist)
{
    public const int RatingNeutral = 3;

    public static InteractionWeights Default { get; } = new(View: 0.5, Play: 1, Complete: 2, Like: 3, Dislike: -3, Watchlist: 1.5);

    public double Of(InteractionType type, int? rating) => type switch
    {
        InteractionType.View => View,
        InteractionType.Play => Play,
        InteractionType.Complete => Complete,
        InteractionType.Like => Like,
        InteractionType.Dislike => Dislike,
        InteractionType.Watchlist => Watchlist,
        InteractionType.Rating => (rating ?? RatingNeutral) - RatingNeutral,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
