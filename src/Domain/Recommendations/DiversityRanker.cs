namespace MediaGateway.Domain.Recommendations;

/// <summary>
/// Maximal marginal relevance: picks, one at a time, the candidate with the best balance of relevance and
/// difference from what is already picked, so a list is not twenty near-copies of one title. Lambda 1 ranks by
/// relevance alone; lower values trade relevance for variety.
/// </summary>
public static class DiversityRanker
{
    /// <param name="relevance">Each candidate's relevance (e.g. cosine similarity to the user's taste).</param>
    /// <param name="vectors">Each candidate's embedding, in the same order.</param>
    /// <returns>Indexes of the chosen candidates, best first.</returns>
    public static IReadOnlyList<int> Select(IReadOnlyList<double> relevance, IReadOnlyList<float[]> vectors, int limit, double lambda)
    {
        if (relevance.Count != vectors.Count)
        {
            throw new ArgumentException("One vector per candidate is needed.", nameof(vectors));
        }

        // NaN fails both comparisons, so it is named: it would make every score NaN and no candidate pickable.
        if (double.IsNaN(lambda) || lambda is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Lambda is between 0 and 1.");
        }

        var count = relevance.Count;
        var chosen = new List<int>(Math.Min(limit, count));
        var picked = new bool[count];
        // The highest similarity of each candidate to anything chosen so far, updated as picks are made.
        var closestToChosen = new double[count];
        while (chosen.Count < limit && chosen.Count < count)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < count; i++)
            {
                if (picked[i])
                {
                    continue;
                }

                var score = lambda * relevance[i] - (1 - lambda) * (chosen.Count == 0 ? 0 : closestToChosen[i]);
                if (score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }

            picked[best] = true;
            chosen.Add(best);
            for (var i = 0; i < count; i++)
            {
                if (!picked[i])
                {
                    closestToChosen[i] = Math.Max(
                        chosen.Count == 1 ? double.NegativeInfinity : closestToChosen[i], VectorMath.Cosine(vectors[i], vectors[best]));
                }
            }
        }

        return chosen;
    }
}
