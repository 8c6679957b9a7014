using MediaGateway.Infrastructure.EntityResolution;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>The words a title's candidates are searched by (the LIKE side of the trigram index).</summary>
public sealed class SearchPatternTests
{
    [Fact]
    public void LongestThreeWords_WithoutStopWordsOrShortWords()
    {
        var patterns = PostgresEntityStore.SearchPatterns("lord of the rings and the return of king")!;

        Assert.Equal(["%return%", "%rings%", "%king%"], patterns);
    }

    [Fact]
    public void FewerWords_RepeatTheLongest()
    {
        Assert.Equal(["%shawshank%", "%shawshank%", "%shawshank%"], PostgresEntityStore.SearchPatterns("shawshank")!);
        Assert.Equal(["%redemption%", "%shawshank%", "%redemption%"], PostgresEntityStore.SearchPatterns("shawshank redemption")!);
    }

    [Fact]
    public void TitleWithoutASignificantWord_IsMatchedWhole()
    {
        Assert.Equal(["up", "up", "up"], PostgresEntityStore.SearchPatterns("up")!);
        Assert.Equal(["it 2", "it 2", "it 2"], PostgresEntityStore.SearchPatterns("it 2")!);
    }

    [Fact]
    public void NoTitle_NoPatterns() => Assert.Null(PostgresEntityStore.SearchPatterns(null));
}
