using MediaGateway.Domain.EntityResolution;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class TitleNormalizerTests
{
    [Theory]
    [InlineData("The Shawshank Redemption", "shawshank redemption")]
    [InlineData("Shawshank Redemption, The (1994)", "shawshank redemption")]
    [InlineData("Shawshank Redemption, The", "shawshank redemption")]
    [InlineData("Ame\u0301lie", "amelie")]
    [InlineData("Leon: The Professional", "leon the professional")]
    [InlineData("Fast & Furious", "fast and furious")]
    [InlineData("A Quiet Place", "quiet place")]
    [InlineData("Quiet Place, A", "quiet place")]
    [InlineData("An American Werewolf in London", "american werewolf in london")]
    [InlineData("The", "the")]
    [InlineData("A", "a")]
    [InlineData("Schindler's List", "schindlers list")]
    [InlineData("Schindler’s List", "schindlers list")]
    [InlineData("  The   Dark \t Knight  ", "dark knight")]
    [InlineData("Heat (1995)", "heat")]
    [InlineData("Heat (1995)  ", "heat")]
    [InlineData("Blade Runner 2049", "blade runner 2049")]
    [InlineData("Se7en", "se7en")]
    [InlineData("Spider-Man: No Way Home", "spider man no way home")]
    [InlineData("WALL·E", "wall e")]
    public void Normalize_MapsFeedSpellingsToOneForm(string title, string expected)
    {
        var normalized = TitleNormalizer.Normalize(title);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("Blade Runner (Final Cut)", "blade runner final cut")]
    [InlineData("Heat (199)", "heat 199")]
    [InlineData("Heat (19955)", "heat 19955")]
    [InlineData("1917", "1917")]
    public void Normalize_ParenthesesThatAreNotAYear_AreKeptAsWords(string title, string expected)
    {
        var normalized = TitleNormalizer.Normalize(title);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("Amélie", "amelie")]
    [InlineData("Léon: The Professional", "leon the professional")]
    [InlineData("Æon Flux", "aeon flux")]
    [InlineData("Straße", "strasse")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Ça", "ca")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Þór", "thor")]
    [InlineData("Ðað", "dad")]
    [InlineData("Ame\u0301lie", "amelie")]
    public void Normalize_Accents_AreFoldedWithInvariantGlobalization(string title, string expected)
    {
        var normalized = TitleNormalizer.Normalize(title);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("Am\u00E9lie", "Ame\u0301lie")]
    [InlineData("\u00C7a", "C\u0327a")]
    [InlineData("\u00C5ngstr\u00F6m", "A\u030Angstro\u0308m")]
    public void Normalize_PrecomposedAndDecomposedSpellings_Agree(string precomposed, string decomposed)
    {
        var fromPrecomposed = TitleNormalizer.Normalize(precomposed);

        Assert.Equal(TitleNormalizer.Normalize(decomposed), fromPrecomposed);
    }

    [Theory]
    [InlineData("Room, The", "room")]
    [InlineData("Heat, A", "heat")]
    [InlineData("Shawshank Redemption, The", "shawshank redemption")]
    public void Normalize_TrailingArticleAfterComma_IsDropped(string title, string expected)
    {
        var normalized = TitleNormalizer.Normalize(title);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(", The")]
    [InlineData(",The")]
    [InlineData(" , the ")]
    public void Normalize_CommaAndArticleAlone_KeepsTheArticle(string title)
    {
        var normalized = TitleNormalizer.Normalize(title);

        Assert.Equal("the", normalized);
    }

    [Fact]
    public void Normalize_ArticleInsideTheTitle_IsKept()
    {
        var normalized = TitleNormalizer.Normalize("Return of the King");

        Assert.Equal("return of the king", normalized);
    }

    [Fact]
    public void Normalize_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TitleNormalizer.Normalize(null!));
    }

    [Theory]
    [InlineData("(1995)", "1995")]        // too short to be a title and its year
    [InlineData("X(1995)", "x")]          // the shortest that is
    [InlineData("Return of the", "return of the")]   // a trailing article moves only after a comma
    public void Normalize_Edges(string title, string expected) => Assert.Equal(expected, TitleNormalizer.Normalize(title));

    [Fact]
    public void Normalize_AFoldThatLengthensTheTitle_IsCutToTheColumnWidth()
    {
        var normalized = TitleNormalizer.Normalize(new string('ß', TitleNormalizer.MaxTitleLength));

        Assert.Equal(new string('s', TitleNormalizer.MaxTitleLength), normalized);
    }
}
