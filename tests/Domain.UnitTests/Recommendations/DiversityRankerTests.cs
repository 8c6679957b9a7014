using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class DiversityRankerTests
{
    // Two near-copies at the top (cosine 0.99 to each other) and a distinct, less relevant title.
    private static readonly float[] Original = [1, 0, 0];
    private static readonly float[] NearCopy = [0.99f, 0.14f, 0];
    private static readonly float[] Distinct = [0, 1, 0];
    private static readonly double[] NearCopiesFirst = [0.95, 0.94, 0.6];
    private static readonly float[][] NearCopiesFirstVectors = [Original, NearCopy, Distinct];

    [Fact]
    public void Select_LambdaOne_RanksByRelevanceAlone()
    {
        float[][] sameTitle = [Original, Original, Original, Original];

        var chosen = DiversityRanker.Select([0.2, 0.9, 0.5, 0.7], sameTitle, limit: 4, lambda: 1);

        Assert.Equal([1, 3, 2, 0], chosen);
    }

    [Fact]
    public void Select_BalancedLambda_PicksTheDistinctTitleBeforeTheNearCopy()
    {
        var chosen = DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 3, lambda: 0.5);

        Assert.Equal([0, 2, 1], chosen);
    }

    [Fact]
    public void Select_HighLambda_KeepsTheMoreRelevantNearCopySecond()
    {
        // 0.9 * 0.94 - 0.1 * 0.99 = 0.75 beats 0.9 * 0.6 = 0.54: lambda decides, not the similarity alone.
        var chosen = DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 3, lambda: 0.9);

        Assert.Equal([0, 1, 2], chosen);
    }

    [Fact]
    public void Select_SimilarityToAnyChosenTitle_Counts()
    {
        // After Original and Distinct, the near-copy is still penalised for resembling the first pick (not only
        // the last), so the less relevant title in a third direction comes third.
        double[] relevance = [0.95, 0.94, 0.6, 0.3];
        float[][] vectors = [Original, NearCopy, Distinct, [0, 0, 1]];

        var chosen = DiversityRanker.Select(relevance, vectors, limit: 4, lambda: 0.5);

        Assert.Equal([0, 2, 3, 1], chosen);
    }

    [Fact]
    public void Select_LimitBelowCount_ReturnsLimitItems()
    {
        var chosen = DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 2, lambda: 0.5);

        Assert.Equal([0, 2], chosen);
    }

    [Fact]
    public void Select_LimitAboveCount_ReturnsEveryCandidateOnce()
    {
        var chosen = DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 10, lambda: 0.5);

        Assert.Equal([0, 2, 1], chosen);
    }

    [Fact]
    public void Select_LimitZero_IsEmpty()
    {
        Assert.Empty(DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 0, lambda: 0.5));
    }

    [Fact]
    public void Select_NoCandidates_IsEmpty()
    {
        Assert.Empty(DiversityRanker.Select([], [], limit: 5, lambda: 0.5));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Select_LambdaOutsideZeroToOne_Throws(double lambda)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => DiversityRanker.Select(NearCopiesFirst, NearCopiesFirstVectors, limit: 3, lambda));

        Assert.Equal("lambda", error.ParamName);
    }

    [Fact]
    public void Select_OneVectorMissing_Throws()
    {
        Assert.Throws<ArgumentException>(() => DiversityRanker.Select(NearCopiesFirst, [Original, NearCopy], limit: 3, lambda: 0.5));
    }

    [Fact]
    public void EqualScores_TheEarlierCandidateWins()
    {
        float[][] vectors = [[1, 0], [0, 1]];

        Assert.Equal([0], DiversityRanker.Select([0.5, 0.5], vectors, limit: 1, lambda: 1.0));
    }

    [Fact]
    public void ATitleUnlikeTheChosenOne_IsPreferred_EvenAtNegativeSimilarity()
    {
        // After the first pick, the closeness of the rest is their cosine to it, negative ones included: the more
        // opposite title scores higher, where a floor at 0 would tie the two.
        float[][] vectors = [[1, 0], [-0.1f, 0.995f], [-0.9f, 0.436f]];

        Assert.Equal([0, 2], DiversityRanker.Select([1.0, 0.5, 0.5], vectors, limit: 2, lambda: 0.5));
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        var vectors = Assert.Throws<ArgumentException>(() => DiversityRanker.Select([0.5], [], 1, 0.5));
        var lambda = Assert.Throws<ArgumentOutOfRangeException>(() => DiversityRanker.Select([0.5], [[1f]], 1, 1.5));

        Assert.StartsWith("One vector per candidate is needed.", vectors.Message, StringComparison.Ordinal);
        Assert.StartsWith("Lambda is between 0 and 1.", lambda.Message, StringComparison.Ordinal);
    }
}
