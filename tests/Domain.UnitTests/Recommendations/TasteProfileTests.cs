using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class TasteProfileTests
{
    private const int Precision = 6;
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Unit-length embeddings of three titles; Drama and Thriller are close, Comedy is elsewhere.
    private static readonly float[] Drama = [1, 0, 0];
    private static readonly float[] Thriller = [0.8f, 0.6f, 0];
    private static readonly float[] Comedy = [0, 0, 1];

    private static TasteProfile Add(TasteProfile profile, float[] embedding, double weight, DateTimeOffset at) =>
        profile.Add(embedding, weight, at, HalfLife);

    private static void AssertVector(float[] expected, float[]? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Precision);
        }
    }

    [Fact]
    public void Add_EqualTimeInteractions_MeanIsTheirWeightedMean()
    {
        var profile = Add(Add(TasteProfile.Empty, Thriller, 1, T0), Comedy, 3, T0);

        AssertVector([(1 * 0.8f) / 4, (1 * 0.6f) / 4, (3 * 1f) / 4], profile.Mean);
        Assert.Equal(4, profile.WeightTotal, Precision);
        Assert.Equal(2, profile.InteractionCount);
        Assert.Equal(T0, profile.AsOf);
    }

    [Fact]
    public void Add_OlderInteraction_CountsLessByTwoToTheMinusAgeOverHalfLife()
    {
        var decay = Math.Pow(2, -1.5);   // 1.5 half-lives: neither a whole number of halvings nor e-based

        var profile = Add(Add(TasteProfile.Empty, Drama, 2, T0), Comedy, 2, T0 + 1.5 * HalfLife);

        Assert.NotNull(profile.Mean);
        Assert.Equal(decay, profile.Mean[0] / profile.Mean[2], Precision);
        Assert.Equal(2 * decay + 2, profile.WeightTotal, Precision);
        Assert.Equal(T0 + 1.5 * HalfLife, profile.AsOf);
    }

    [Fact]
    public void Add_OlderInteractionArrivingLate_CountsLessByTheSameFactor()
    {
        var decay = Math.Pow(2, -1.5);

        var profile = Add(Add(TasteProfile.Empty, Comedy, 2, T0 + 1.5 * HalfLife), Drama, 2, T0);

        Assert.NotNull(profile.Mean);
        Assert.Equal(decay, profile.Mean[0] / profile.Mean[2], Precision);
        Assert.Equal(2 * decay + 2, profile.WeightTotal, Precision);
        Assert.Equal(T0 + 1.5 * HalfLife, profile.AsOf);
    }

    [Fact]
    public void Add_OnlyADislike_MeanPointsAwayFromTheTitle()
    {
        var profile = Add(TasteProfile.Empty, Thriller, InteractionWeights.Default.Dislike, T0);

        Assert.NotNull(profile.Mean);
        Assert.Equal(-1, VectorMath.Cosine(profile.Mean, Thriller), Precision);
        Assert.Equal(3, profile.WeightTotal, Precision);   // the absolute weight: a dislike is evidence too
    }

    [Fact]
    public void Add_Dislike_PullsTheMeanAwayFromTheTitle()
    {
        var liked = Add(Add(TasteProfile.Empty, Drama, 3, T0), Comedy, 3, T0);

        var disliked = Add(liked, Thriller, InteractionWeights.Default.Dislike, T0 + TimeSpan.FromHours(1));

        Assert.NotNull(liked.Mean);
        Assert.NotNull(disliked.Mean);
        Assert.True(VectorMath.Cosine(disliked.Mean, Thriller) < VectorMath.Cosine(liked.Mean, Thriller) - 0.1,
            $"cosine to the disliked title went from {VectorMath.Cosine(liked.Mean, Thriller)} to {VectorMath.Cosine(disliked.Mean, Thriller)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_LikeAndDislikeOfOneTitleAtOneTime_LeaveNoDirectionButCountTwice(bool dislikeFirst)
    {
        float[] title = [0.3f, -1.2f, 2.5f, 0.07f];
        var (first, second) = dislikeFirst ? (-3.0, 3.0) : (3.0, -3.0);

        var profile = Add(Add(TasteProfile.Empty, title, first, T0), title, second, T0);

        Assert.Null(profile.Mean);
        Assert.Equal(2, profile.InteractionCount);
        Assert.Equal(6, profile.WeightTotal, Precision);
    }

    [Fact]
    public void Add_AfterCancellingOut_TheNextInteractionSetsTheDirection()
    {
        var cancelled = Add(Add(TasteProfile.Empty, Drama, 3, T0), Drama, -3, T0);

        var profile = Add(cancelled, Comedy, 3, T0);

        AssertVector([0, 0, 3f / 9], profile.Mean);   // the cancelled pair still weighs in the total
        Assert.Equal(9, profile.WeightTotal, Precision);
    }

    [Fact]
    public void Add_ZeroWeight_OnlyCounts()
    {
        var before = Add(TasteProfile.Empty, Drama, 3, T0);
        var neutralRating = InteractionWeights.Default.Of(InteractionType.Rating, 3);

        var after = Add(before, Comedy, neutralRating, T0 + HalfLife);

        Assert.Equal(before with { InteractionCount = 2 }, after);
    }

    [Fact]
    public void Add_ZeroVector_OnlyCounts()
    {
        var before = Add(TasteProfile.Empty, Drama, 3, T0);

        var after = Add(before, [0, 0, 0], 3, T0 + HalfLife);

        Assert.Equal(before with { InteractionCount = 2 }, after);
    }

    [Fact]
    public void Add_ZeroWeightFirst_LeavesNoDirection()
    {
        var profile = Add(TasteProfile.Empty, Drama, 0, T0);

        Assert.Equal(TasteProfile.Empty with { InteractionCount = 1 }, profile);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_NonFiniteWeight_OnlyCounts(double weight)
    {
        var before = Add(TasteProfile.Empty, Drama, 3, T0);

        var after = Add(before, Comedy, weight, T0);

        Assert.Equal(before with { InteractionCount = 2 }, after);
    }

    [Fact]
    public void Add_EmbeddingScale_DoesNotMatter()
    {
        var unit = Add(Add(TasteProfile.Empty, Drama, 1, T0), Comedy, 2, T0 + HalfLife);

        var scaled = Add(Add(TasteProfile.Empty, [1000, 0, 0], 1, T0), [0, 0, 0.001f], 2, T0 + HalfLife);

        Assert.NotNull(unit.Mean);
        AssertVector(unit.Mean, scaled.Mean);
        Assert.Equal(unit.WeightTotal, scaled.WeightTotal, Precision);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Add_NonPositiveHalfLife_Throws(int ticks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => TasteProfile.Empty.Add(Drama, 1, T0, TimeSpan.FromTicks(ticks)));

        Assert.Equal("halfLife", error.ParamName);
    }

    [Fact]
    public void Add_EmbeddingOfAnotherLength_Throws()
    {
        var profile = Add(TasteProfile.Empty, Drama, 3, T0);

        var error = Assert.Throws<ArgumentException>(() => Add(profile, [1, 0], 3, T0));

        Assert.Equal("embedding", error.ParamName);
    }

    [Fact]
    public void CountOnly_CountsWithoutMovingTheTaste()
    {
        var taste = TasteProfile.Empty.Add(Drama, 1, T0, HalfLife);

        var counted = taste.CountOnly();

        Assert.Equal((2, taste.Mean, taste.WeightTotal), (counted.InteractionCount, counted.Mean, counted.WeightTotal));
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        var taste = TasteProfile.Empty.Add(Drama, 1, T0, HalfLife);

        var halfLife = Assert.Throws<ArgumentOutOfRangeException>(() => taste.Add(Drama, 1, T0, TimeSpan.Zero));
        var length = Assert.Throws<ArgumentException>(() => taste.Add([1, 0], 1, T0, HalfLife));

        Assert.StartsWith("A half-life must be positive.", halfLife.Message, StringComparison.Ordinal);
        Assert.StartsWith("An embedding of 2 numbers cannot join a taste of 3.", length.Message, StringComparison.Ordinal);
    }
}
