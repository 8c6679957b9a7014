using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Domain.UnitTests.Recommendations;

/// <summary>
/// Interaction histories as devices report them: a few titles (embeddings of any scale), every interaction type,
/// times spread over about ten half-lives with many ties, likes and dislikes that may cancel. Updates arrive out
/// of order across devices, so the profile must not depend on the order it sees them in, and must equal the
/// decayed weighted mean computed from the whole history at once.
/// </summary>
public sealed class TasteProfileProperties
{
    private const int Dimensions = 6;
    private const double MeanTolerance = 1e-5;        // the mean is kept in float; each component is within -1..1
    private const double TotalTolerance = 1e-9;       // relative; the total is kept in double
    private static readonly TimeSpan HalfLife = TimeSpan.FromHours(24);
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly InteractionType[] Types = Enum.GetValues<InteractionType>();

    private sealed record Interaction(int Title, float[] Embedding, double Weight, DateTimeOffset At);

    [Property(MaxTest = 300)]
    public Property AnyOrder_GivesTheSameProfile() =>
        Prop.ForAll(Histories().ToArbitrary(), history =>
        {
            var (interactions, random) = history;
            var inOrder = Apply(interactions.OrderBy(i => i.At));
            var shuffled = Apply(Shuffled(interactions, random));

            return (SameMean(inOrder.Mean, shuffled.Mean) && SameTotal(inOrder.WeightTotal, shuffled.WeightTotal)
                    && inOrder.AsOf == shuffled.AsOf && inOrder.InteractionCount == shuffled.InteractionCount)
                .Label($"in order {Describe(inOrder)}; shuffled {Describe(shuffled)}");
        });

    [Property(MaxTest = 300)]
    public Property AnyOrder_EqualsTheDecayedWeightedMeanOfTheWholeHistory() =>
        Prop.ForAll(Histories().ToArbitrary(), history =>
        {
            var (interactions, random) = history;
            var profile = Apply(Shuffled(interactions, random));

            var weighted = interactions.Where(i => i.Weight != 0).ToList();
            var asOf = weighted.Count == 0 ? TasteProfile.Empty.AsOf : weighted.Max(i => i.At);
            var total = 0.0;
            var sum = new double[Dimensions];
            foreach (var i in weighted)
            {
                var decayed = i.Weight * Math.Pow(2, -(asOf - i.At) / HalfLife);
                total += Math.Abs(decayed);
                var norm = VectorMath.Norm(i.Embedding);
                for (var d = 0; d < Dimensions; d++)
                {
                    sum[d] += decayed * i.Embedding[d] / norm;
                }
            }

            var expected = sum.Select(s => total == 0 ? 0f : (float)(s / total)).ToArray();
            return (SameMean(expected, profile.Mean) && SameTotal(total, profile.WeightTotal) && profile.AsOf == asOf
                    && profile.InteractionCount == interactions.Count)
                .Label($"expected mean ({string.Join(", ", expected)}) total {total} as of {asOf:O}; got {Describe(profile)}");
        });

    private static Gen<(List<Interaction> Interactions, Random Random)> Histories() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from length in Gen.Choose(1, 40)
        select Build(seed, length);

    private static (List<Interaction>, Random) Build(int seed, int length)
    {
        var random = new Random(seed);
        var titles = Enumerable.Range(0, 4).Select(_ => RandomEmbedding(random)).ToArray();
        var interactions = new List<Interaction>();
        for (var n = 0; n < length; n++)
        {
            var title = random.Next(titles.Length);
            var type = Types[random.Next(Types.Length)];
            int? rating = type == InteractionType.Rating ? random.Next(InteractionTypes.MinRating, InteractionTypes.MaxRating + 1) : null;
            var at = T0 + random.Next(0, 21) * HalfLife / 2;   // 0 to 10 half-lives, in halves: many equal times
            interactions.Add(new Interaction(title, titles[title], InteractionWeights.Default.Of(type, rating), at));
        }

        return (interactions, random);
    }

    /// <summary>Any direction, at a scale from 0.01 to 100: the profile must normalise it.</summary>
    private static float[] RandomEmbedding(Random random)
    {
        var scale = Math.Pow(10, random.NextDouble() * 4 - 2);
        return Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private static TasteProfile Apply(IEnumerable<Interaction> interactions) =>
        interactions.Aggregate(TasteProfile.Empty, (profile, i) => profile.Add(i.Embedding, i.Weight, i.At, HalfLife));

    private static List<Interaction> Shuffled(List<Interaction> interactions, Random random)
    {
        var shuffled = interactions.ToList();
        for (var i = shuffled.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return shuffled;
    }

    /// <summary>A null mean (no direction) equals a mean too short to tell from zero.</summary>
    private static bool SameMean(float[]? a, float[]? b)
    {
        var x = a ?? new float[Dimensions];
        var y = b ?? new float[Dimensions];
        return x.Length == y.Length && x.Zip(y).All(p => Math.Abs(p.First - p.Second) <= MeanTolerance);
    }

    private static bool SameTotal(double a, double b) => Math.Abs(a - b) <= TotalTolerance * Math.Max(1, Math.Abs(a));

    private static string Describe(TasteProfile p) =>
        $"mean ({(p.Mean is null ? "null" : string.Join(", ", p.Mean))}) total {p.WeightTotal} as of {p.AsOf:O} count {p.InteractionCount}";
}
