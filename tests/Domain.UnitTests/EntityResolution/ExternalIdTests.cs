using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class ExternalIdTests
{
    [Theory]
    [InlineData("tt0111161", "tt0111161")]
    [InlineData("TT0111161", "tt0111161")]
    [InlineData(" tt0111161 ", "tt0111161")]
    [InlineData("https://www.imdb.com/title/tt0111161/", "tt0111161")]
    [InlineData("https://m.imdb.com/title/tt0111161/?ref_=x", "tt0111161")]
    [InlineData("https://www.imdb.com/title/tt0111161", "tt0111161")]
    [InlineData("tt10872600", "tt10872600")]
    public void Parse_Imdb_YieldsLowerCaseTtForm(string value, string expected)
    {
        var id = ExternalId.Parse(ExternalIdType.Imdb, value);

        Assert.Equal((ExternalIdType.Imdb, expected), (id.Type, id.Value));
        Assert.Null(id.Kind);
        Assert.Equal(expected, id.Number);
    }

    [Theory]
    [InlineData("tt123456")]
    [InlineData("nm0000151")]
    [InlineData("0111161")]
    [InlineData("tt01a1161")]
    [InlineData("tt")]
    [InlineData("tt 0111161")]
    [InlineData("https://www.imdb.com/name/nm0000151/")]
    [InlineData("https://www.imdb.com/title/")]
    [InlineData("")]
    public void Parse_ImdbMalformed_ThrowsOnValue(string value)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Imdb, value));

        Assert.Equal("value", error.Field);
    }

    [Fact]
    public void Parse_OverlongValue_ThrowsOnValue()
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Imdb, "tt" + new string('1', 199)));

        Assert.Equal("value", error.Field);
    }

    [Fact]
    public void Parse_TmdbMovie_SplitsKindAndNumber()
    {
        var id = ExternalId.Parse(ExternalIdType.Tmdb, "603", "movie");

        Assert.Equal(("movie/603", "movie", "603"), (id.Value, id.Kind, id.Number));
    }

    [Theory]
    [InlineData("603", "TV", "tv/603")]
    [InlineData(" 603 ", " Movie ", "movie/603")]
    [InlineData("0603", "movie", "movie/603")]
    [InlineData("2147483647", "tv", "tv/2147483647")]
    public void Parse_Tmdb_NormalisesKindAndNumber(string value, string kind, string expected)
    {
        var id = ExternalId.Parse(ExternalIdType.Tmdb, value, kind);

        Assert.Equal(expected, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_TmdbWithoutKind_Throws(string? kind)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Tmdb, "603", kind));

        Assert.Equal("kind", error.Field);
    }

    [Theory]
    [InlineData(ExternalIdType.Tmdb, "series")]
    [InlineData(ExternalIdType.Tmdb, "episode")]
    [InlineData(ExternalIdType.Tvdb, "tv")]
    [InlineData(ExternalIdType.Tvdb, "season")]
    public void Parse_KindOfTheOtherCatalogue_Throws(ExternalIdType type, string kind)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(type, "603", kind));

        Assert.Equal("kind", error.Field);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("abc")]
    [InlineData("6 03")]
    [InlineData("60.3")]
    [InlineData("2147483648")]
    [InlineData("99999999999")]
    [InlineData("999999999999999999999999")]
    public void Parse_TmdbNumberMalformed_ThrowsOnValue(string value)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Tmdb, value, "movie"));

        Assert.Equal("value", error.Field);
    }

    [Theory]
    [InlineData("series", "series/81189")]
    [InlineData("movie", "movie/81189")]
    [InlineData("SERIES", "series/81189")]
    public void Parse_Tvdb_AcceptsSeriesAndMovie(string kind, string expected)
    {
        var id = ExternalId.Parse(ExternalIdType.Tvdb, "81189", kind);

        Assert.Equal((ExternalIdType.Tvdb, expected), (id.Type, id.Value));
    }

    [Fact]
    public void SameNumber_InDifferentKindsOrCatalogues_IsADifferentId()
    {
        var movie = ExternalId.Parse(ExternalIdType.Tmdb, "603", "movie");

        Assert.NotEqual(movie, ExternalId.Parse(ExternalIdType.Tmdb, "603", "tv"));
        Assert.NotEqual(movie, ExternalId.Parse(ExternalIdType.Tvdb, "603", "movie"));
    }

    [Fact]
    public void Equality_IsByTypeAndCanonicalValue()
    {
        var a = ExternalId.Parse(ExternalIdType.Imdb, "https://www.imdb.com/title/tt0111161/");
        var b = ExternalId.Parse("IMDB", "TT0111161");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a == b);
    }

    [Theory]
    [InlineData("netflix")]
    [InlineData("1")]
    [InlineData("Eidr, Imdb")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UnknownTypeName_ThrowsOnType(string? type)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(type, "tt0111161"));

        Assert.Equal("type", error.Field);
    }

    [Fact]
    public void Parse_UndefinedTypeValue_ThrowsOnType()
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse((ExternalIdType)42, "603", "movie"));

        Assert.Equal("type", error.Field);
    }

    [Theory]
    [InlineData("imdb", ExternalIdType.Imdb)]
    [InlineData("IMDb", ExternalIdType.Imdb)]
    [InlineData(" EIDR ", ExternalIdType.Eidr)]
    [InlineData("Tmdb", ExternalIdType.Tmdb)]
    [InlineData("tvdb", ExternalIdType.Tvdb)]
    public void TryParseType_IsCaseInsensitive(string raw, ExternalIdType expected)
    {
        var parsed = ExternalId.TryParseType(raw, out var type);

        Assert.True(parsed);
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Parse_ByTypeName_MatchesParseByEnum()
    {
        var byName = ExternalId.Parse("TMDB", "603", "movie");

        Assert.Equal(ExternalId.Parse(ExternalIdType.Tmdb, "603", "movie"), byName);
    }

    [Theory]
    [InlineData(ExternalIdType.Eidr, "10.5240/7791-8534-2C23-9030-8610-5")]
    [InlineData(ExternalIdType.Imdb, "tt0111161")]
    [InlineData(ExternalIdType.Tmdb, "movie/603")]
    [InlineData(ExternalIdType.Tmdb, "tv/1399")]
    [InlineData(ExternalIdType.Tvdb, "series/81189")]
    public void FromCanonical_RoundTrips(ExternalIdType type, string value)
    {
        var id = ExternalId.FromCanonical(type, value);

        Assert.Equal((type, value), (id.Type, id.Value));
    }

    [Theory]
    [InlineData(ExternalIdType.Imdb, "TT0111161")]
    [InlineData(ExternalIdType.Imdb, "https://www.imdb.com/title/tt0111161/")]
    [InlineData(ExternalIdType.Eidr, "10.5240/7791-8534-2c23-9030-8610-5")]
    [InlineData(ExternalIdType.Eidr, "doi:10.5240/7791-8534-2C23-9030-8610-5")]
    [InlineData(ExternalIdType.Tmdb, "MOVIE/603")]
    [InlineData(ExternalIdType.Tmdb, "movie/0603")]
    [InlineData(ExternalIdType.Tvdb, " series/81189")]
    [InlineData(ExternalIdType.Tmdb, "603")]
    [InlineData(ExternalIdType.Tmdb, "/603")]
    [InlineData(ExternalIdType.Tvdb, "81189")]
    [InlineData(ExternalIdType.Imdb, "garbage")]
    [InlineData(ExternalIdType.Eidr, "garbage")]
    [InlineData(ExternalIdType.Tmdb, "")]
    public void FromCanonical_NonCanonical_ThrowsFormatException(ExternalIdType type, string value)
    {
        Assert.Throws<FormatException>(() => ExternalId.FromCanonical(type, value));
    }

    [Theory]
    [InlineData(ExternalIdType.Tmdb, "movie/603", "tmdb:movie/603")]
    [InlineData(ExternalIdType.Imdb, "tt0111161", "imdb:tt0111161")]
    [InlineData(ExternalIdType.Eidr, "10.5240/7791-8534-2C23-9030-8610-5", "eidr:10.5240/7791-8534-2C23-9030-8610-5")]
    public void ToString_IsTypeNameColonValue(ExternalIdType type, string value, string expected)
    {
        var id = ExternalId.FromCanonical(type, value);

        Assert.Equal(expected, id.ToString());
    }

    [Theory]
    [InlineData(ExternalIdType.Tmdb, "603")]
    [InlineData(ExternalIdType.Imdb, "garbage")]
    [InlineData(ExternalIdType.Imdb, "TT0111161")]
    public void FromCanonical_Invalid_ThrowsFormatExceptionNotDomainException(ExternalIdType type, string value)
    {
        var error = Record.Exception(() => ExternalId.FromCanonical(type, value));

        Assert.IsType<FormatException>(error);
    }

    [Theory]
    [InlineData(ExternalIdType.Tmdb, "movie/603")]
    [InlineData(ExternalIdType.Imdb, "tt0111161")]
    [InlineData(ExternalIdType.Eidr, "10.5240/0EFB-02CD-126E-8092-1E49-W")]
    public void FromCanonical_OfParsedValue_EqualsTheParsedId(ExternalIdType type, string value)
    {
        var id = ExternalId.FromCanonical(type, value);

        Assert.Equal(ExternalId.FromCanonical(id.Type, id.Value), id);
        Assert.Equal(value, id.Value);
    }

    [Fact]
    public void Parse_Imdb_UrlWithoutScheme_AndTheLongestId()
    {
        var longest = "tt" + new string('1', 18);   // 20 characters

        Assert.Equal("tt0111161", ExternalId.Parse(ExternalIdType.Imdb, "imdb.com/title/tt0111161/").Value);
        Assert.Equal(longest, ExternalId.Parse(ExternalIdType.Imdb, longest).Value);
    }

    [Fact]
    public void Parse_Eidr_StripsOneDoiPrefixOnly()
    {
        var error = Assert.Throws<DomainException>(() =>
            ExternalId.Parse(ExternalIdType.Eidr, "https://doi.org/doi:10.5240/7791-8534-2C23-9030-8610-5"));

        Assert.Equal("value", error.Field);
    }

    [Theory]
    [InlineData(ResolutionMethod.Cache, "cache")]
    [InlineData(ResolutionMethod.Exact, "exact")]
    [InlineData(ResolutionMethod.Fuzzy, "fuzzy")]
    [InlineData(ResolutionMethod.Embedding, "embedding")]
    [InlineData(ResolutionMethod.Created, "created")]
    public void CatalogNames_OfAMethod_IsItsWireName(ResolutionMethod method, string name) =>
        Assert.Equal(name, CatalogNames.Of(method));

    [Fact]
    public void ToString_NamesTheCatalogue() =>
        Assert.Equal("tvdb:series/81189", ExternalId.Parse(ExternalIdType.Tvdb, "81189", "series").ToString());
}
