namespace MediaGateway.Domain.Recommendations;

/// <summary>
/// A user's taste: the time-decayed weighted mean of the (unit-length) embeddings of the titles they interacted
/// with. An interaction's weight halves every half-life of its age, so recent behaviour leads; negative weights
/// (a dislike) pull the mean away from a title. Updated one interaction at a time, in any order, without the
/// history: the mean and its decayed total weight at <see cref="AsOf"/> are enough, because decay scales every
/// older term by the same factor.
/// </summary>
/// <param name="Mean">The mean, or null while it has no direction (no weighted interaction yet, or they cancel out).</param>
/// <param name="WeightTotal">Sum of the absolute decayed weights at <see cref="AsOf"/>.</param>
/// <param name="AsOf">Time of the newest interaction that carried weight (those without only count).</param>
/// <param name="InteractionCount">Every interaction counted, weighted or not: cold start looks at it.</param>
public sealed record TasteProfile(float[]? Mean, double WeightTotal, DateTimeOffset AsOf, int InteractionCount)
{
    /// <summary>Below this length the mean is treated as having no direction.</summary>
    private const double MinimumNorm = 1e-6;

    public static TasteProfile Empty { get; } = new(null, 0, DateTimeOffset.MinValue, 0);

    public TasteProfile Add(ReadOnlySpan<float> embedding, double weight, DateTimeOffset occurredAt, TimeSpan halfLife)
    {
        if (halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "A half-life must be positive.");
        }

        // Without this, a shorter embedding would silently cut the mean to its length and a longer one would
        // run off the end of it.
        if (Mean is not null && embedding.Length != Mean.Length)
        {
            throw new ArgumentException($"An embedding of {embedding.Length} numbers cannot join a taste of {Mean.Length}.", nameof(embedding));
        }

        var norm = VectorMath.Norm(embedding);
        if (weight == 0 || norm == 0 || !double.IsFinite(weight))
        {
            return this with { InteractionCount = InteractionCount + 1 };
        }

        // Bring both sides to the later of the two times: older terms shrink, never newer ones grow. An empty
        // profile simply starts at the interaction's time.
        var (keep, add, asOf) = WeightTotal == 0 || occurredAt >= AsOf
            ? (Decay(occurredAt - AsOf, halfLife), 1.0, occurredAt)
            : (1.0, Decay(AsOf - occurredAt, halfLife), AsOf);

        var keptTotal = WeightTotal * keep;
        var total = keptTotal + Math.Abs(weight) * add;
        var addScale = weight * add / norm;
        var mean = new float[embedding.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            var kept = Mean is null ? 0 : Mean[i] * keptTotal;
            mean[i] = (float)((kept + addScale * embedding[i]) / total);
        }

        return new TasteProfile(VectorMath.Norm(mean) < MinimumNorm ? null : mean, total, asOf, InteractionCount + 1);
    }

    /// <summary>An interaction that says nothing about direction (its title has no embedding of the taste's model): only counted.</summary>
    public TasteProfile CountOnly() => this with { InteractionCount = InteractionCount + 1 };

    private static double Decay(TimeSpan age, TimeSpan halfLife) => Math.Pow(2, -age / halfLife);
}
