using MediaGateway.Domain.EntityResolution;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class MatchScoreTests
{
    private const int Precision = 10;

    [Fact]
    public void SameKindSameYear_PerfectTitle_ScoresOneByFuzzy()
    {
        var (score, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, 1.0, null);

        Assert.Equal(1.0, score, Precision);
        Assert.Equal(ResolutionMethod.Fuzzy, method);
    }

    [Fact]
    public void SameKindSameYear_PartialTitle_ScoresTheSimilarity()
    {
        var (score, method) = MatchScore.Compute(EntityKind.Series, 2011, EntityKind.Series, 2011, 0.73, null);

        Assert.Equal(0.73, score, Precision);
        Assert.Equal(ResolutionMethod.Fuzzy, method);
    }

    [Theory]
    [InlineData(EntityKind.Movie, EntityKind.Series)]
    [InlineData(EntityKind.Season, EntityKind.Episode)]
    [InlineData(EntityKind.Series, EntityKind.Season)]
    public void DifferentKind_ScoresZero(EntityKind request, EntityKind candidate)
    {
        var (score, _) = MatchScore.Compute(request, 2000, candidate, 2000, 1.0, 1.0);

        Assert.Equal(0, score);
    }

    [Theory]
    [InlineData(1987, 2014)]
    [InlineData(2014, 1987)]
    [InlineData(2000, 2002)]
    public void YearsMoreThanOneApart_ScoreZero_EvenWithPerfectSimilarity(int requestYear, int candidateYear)
    {
        var (score, _) = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 1.0, 1.0);

        Assert.Equal(0, score);
    }

    [Theory]
    [InlineData(2000, 2001)]
    [InlineData(2001, 2000)]
    public void AdjacentYear_IsDiscounted(int requestYear, int candidateYear)
    {
        var (perfect, _) = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 1.0, null);
        var (partial, _) = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 0.8, null);

        Assert.Equal(MatchScore.AdjacentYearFactor, perfect, Precision);
        Assert.Equal(0.8 * MatchScore.AdjacentYearFactor, partial, Precision);
    }

    [Theory]
    [InlineData(null, 1999)]
    [InlineData(1999, null)]
    [InlineData(null, null)]
    public void UnknownYear_IsDiscounted(int? requestYear, int? candidateYear)
    {
        var (score, _) = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 1.0, null);

        Assert.Equal(MatchScore.UnknownYearFactor, score, Precision);
    }

    [Fact]
    public void TitleAndEmbedding_AreAveraged_AndEmbeddingWinsWhenHigher()
    {
        var (score, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, 0.9, 1.0);

        Assert.Equal(0.95, score, Precision);
        Assert.Equal(ResolutionMethod.Embedding, method);
    }

    [Fact]
    public void TitleAndEmbedding_TitleHigher_IsFuzzy()
    {
        var (score, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, 1.0, 0.8);

        Assert.Equal(0.9, score, Precision);
        Assert.Equal(ResolutionMethod.Fuzzy, method);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.0)]
    [InlineData(0.35)]
    public void EmbeddingOnly_ScoresItsSimilarityByEmbedding(double embedding)
    {
        var (score, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, null, embedding);

        Assert.Equal(embedding, score, Precision);
        Assert.Equal(ResolutionMethod.Embedding, method);
    }

    [Fact]
    public void NeitherTitleNorEmbedding_ScoresZero()
    {
        var (score, _) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, null, null);

        Assert.Equal(0, score);
    }

    [Fact]
    public void NegativeEmbeddingSimilarity_ClampsToZero()
    {
        var (embeddingOnly, _) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, null, -0.6);
        var (withTitle, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, 0.8, -0.6);

        Assert.Equal(0, embeddingOnly, Precision);
        Assert.Equal(0.4, withTitle, Precision);
        Assert.Equal(ResolutionMethod.Fuzzy, method);
    }

    [Fact]
    public void Score_IsRoundedToFourDecimals()
    {
        var (score, _) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 2000, 0.123456, null);

        Assert.Equal(Math.Round(0.123456 * MatchScore.AdjacentYearFactor, 4), score);
    }

    [Theory]
    [InlineData(1999, 1999)]
    [InlineData(1999, 2000)]
    [InlineData(null, 1999)]
    public void NaNEmbedding_IsTreatedAsAbsent(int? requestYear, int? candidateYear)
    {
        var titleOnly = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 1.0, null);

        var withNaN = MatchScore.Compute(EntityKind.Movie, requestYear, EntityKind.Movie, candidateYear, 1.0, double.NaN);

        Assert.Equal(titleOnly, withNaN);
    }

    [Fact]
    public void PerfectTitle_NaNEmbedding_ScoresOneByFuzzy()
    {
        var (score, method) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, 1.0, double.NaN);

        Assert.Equal(1.0, score, Precision);
        Assert.Equal(ResolutionMethod.Fuzzy, method);
    }

    [Fact]
    public void NaNTitle_IsTreatedAsAbsent()
    {
        var embeddingOnly = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, null, 0.8);

        var withNaN = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, double.NaN, 0.8);

        Assert.Equal(embeddingOnly, withNaN);
    }

    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.NaN, null)]
    [InlineData(null, double.NaN)]
    public void OnlyNaNSimilarities_ScoreZero(double? title, double? embedding)
    {
        var (score, _) = MatchScore.Compute(EntityKind.Movie, 1999, EntityKind.Movie, 1999, title, embedding);

        Assert.Equal(0, score);
    }

    [Fact]
    public void EqualTitleAndEmbeddingEvidence_IsReportedAsFuzzy() =>
        Assert.Equal(ResolutionMethod.Fuzzy, MatchScore.Compute(EntityKind.Movie, 2000, EntityKind.Movie, 2000, 0.9, 0.9).Method);
}
