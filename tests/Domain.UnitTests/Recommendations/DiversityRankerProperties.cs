using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Domain.UnitTests.Recommendations;

/// <summary>
/// Random candidate lists (with exact duplicates, zero vectors and tied relevance among them) and random limits
/// and lambdas: the ranker always returns a list of distinct, valid indexes of the right length.
/// </summary>
public sealed class DiversityRankerProperties
{
    private sealed record Case(double[] Relevance, float[][] Vectors, int Limit, double Lambda)
    {
        public override string ToString() =>
            $"limit {Limit}, lambda {Lambda}, relevance [{string.Join(", ", Relevance)}], " +
            $"vectors [{string.Join(" ", Vectors.Select(v => $"({string.Join(",", v)})"))}]";
    }

    [Property(MaxTest = 300)]
    public Property Select_NeverPicksAnIndexTwice() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var chosen = DiversityRanker.Select(c.Relevance, c.Vectors, c.Limit, c.Lambda);

            return (chosen.Distinct().Count() == chosen.Count && chosen.All(i => i >= 0 && i < c.Relevance.Length))
                .Label($"chosen [{string.Join(", ", chosen)}] for {c}");
        });

    [Property(MaxTest = 300)]
    public Property Select_ReturnsTheSmallerOfLimitAndCandidateCount() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var chosen = DiversityRanker.Select(c.Relevance, c.Vectors, c.Limit, c.Lambda);

            return (chosen.Count == Math.Min(c.Limit, c.Relevance.Length))
                .Label($"{chosen.Count} chosen for {c}");
        });

    [Property(MaxTest = 300)]
    public Property Select_FirstPick_IsTheMostRelevant() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var chosen = DiversityRanker.Select(c.Relevance, c.Vectors, c.Limit, c.Lambda);

            // Lambda 0 is pure variety: with nothing chosen yet, every candidate ties.
            return (chosen.Count == 0 || c.Lambda == 0 || c.Relevance[chosen[0]] == c.Relevance.Max())
                .Label($"first pick {(chosen.Count == 0 ? "-" : chosen[0])} for {c}");
        });

    private static Gen<Case> Cases() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from count in Gen.Choose(0, 12)
        from limit in Gen.Choose(0, 15)
        from lambdaPercent in Gen.Choose(0, 100)
        select Build(seed, count, limit, lambdaPercent / 100.0);

    private static Case Build(int seed, int count, int limit, double lambda)
    {
        var random = new Random(seed);
        // Few distinct directions and relevance values, so duplicates and ties are common.
        float[][] pool = [[1, 0, 0], [0.99f, 0.1f, 0], [0, 1, 0], [0, 0, 0], [-1, 0, 0], [0.3f, -0.4f, 0.8f]];
        var relevance = Enumerable.Range(0, count).Select(_ => random.Next(-4, 5) / 4.0).ToArray();
        var vectors = Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Length)]).ToArray();
        return new Case(relevance, vectors, limit, lambda);
    }
}
