using FluentValidation;
using MediaGateway.Application.EntityResolution;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class ResolutionRequestParserTests
{
    private const string ValidEidr = "10.5240/7791-8534-2C23-9030-8610-5";

    private static ResolutionRequestDto Valid(params ExternalIdDto[] ids) =>
        new(ids.Length == 0 ? [ImdbDto("tt0133093")] : ids, "The Matrix", 1999, "movie", Embedding());

    private static string[] Errors(ResolutionRequestDto request) => FieldsRejectedBy(() => ResolutionRequestParser.Parse(request));

    private static string[] BatchErrors(IReadOnlyList<ResolutionRequestDto>? items) => FieldsRejectedBy(() => ResolutionRequestParser.ParseBatch(items));

    private static string[] Messages(ResolutionRequestDto request) =>
        Assert.Throws<ValidationException>(() => ResolutionRequestParser.Parse(request)).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToArray();

    private static string[] BatchMessages(IReadOnlyList<ResolutionRequestDto> items) =>
        Assert.Throws<ValidationException>(() => ResolutionRequestParser.ParseBatch(items)).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToArray();

    private static string[] FieldsRejectedBy(Action parse)
    {
        try
        {
            parse();
            return [];
        }
        catch (ValidationException e)
        {
            return e.Errors.Select(f => f.PropertyName).ToArray();
        }
    }

    [Fact]
    public void Single_ValidRequest_Passes()
    {
        var errors = Errors(Valid(
            new ExternalIdDto("eidr", "doi:" + ValidEidr.ToLowerInvariant()), ImdbDto("https://www.imdb.com/title/tt0133093/"),
            new ExternalIdDto("tmdb", "603", "movie"), new ExternalIdDto("tvdb", "81189", "series")));

        Assert.Empty(errors);
    }

    [Fact]
    public void Single_NamesEachBadIdByIndexAndField()
    {
        var request = new ResolutionRequestDto(
            [
                new ExternalIdDto("netflix", "80100172"),
                new ExternalIdDto("eidr", "10.5240/7791-8534-2C23-9030-8610-6"),
                new ExternalIdDto("tmdb", "603"),
                ImdbDto("tt0133093"),
            ],
            Embedding: Enumerable.Repeat(0.1f, 511).ToArray());

        var errors = Assert.Throws<ValidationException>(() => ResolutionRequestParser.Parse(request)).Errors.ToList();

        Assert.Equal(["ExternalIds[0].type", "ExternalIds[1].value", "ExternalIds[2].kind", "Embedding"], errors.Select(e => e.PropertyName));
        Assert.Contains("'5' expected", errors[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("512", errors[3].ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("film", null, null, "Kind")]
    [InlineData("movie", "   ", null, "Title")]
    [InlineData("movie", "The Matrix", 1869, "Year")]
    [InlineData("movie", "The Matrix", 2201, "Year")]
    public void Single_RejectsBadKindTitleOrYear(string? kind, string? title, int? year, string field)
    {
        Assert.Equal([field], Errors(new ResolutionRequestDto([ImdbDto("tt0133093")], title, year, kind)));
    }

    [Fact]
    public void Single_RejectsATooLongTitle()
    {
        Assert.Equal(["Title"], Errors(new ResolutionRequestDto([ImdbDto("tt0133093")], new string('x', 501), null, "movie")));
    }

    [Fact]
    public void Single_RejectsEmbeddingsWithoutDirectionOrWithNaN()
    {
        var nan = Embedding();
        nan[7] = float.NaN;

        Assert.Equal(["Embedding"], Errors(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: new float[512])));
        Assert.Equal(["Embedding"], Errors(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: nan)));
        Assert.Equal(["Embedding"], Errors(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: new float[511])));   // wrong size reported alone
    }

    [Fact]
    public void Single_RejectsMissingEmptyNullOrTooManyIds()
    {
        var tooMany = Enumerable.Range(0, EntityResolutionOptions.MaxIdsPerItem + 1).Select(i => ImdbDto($"tt{1000000 + i}")).ToArray();

        Assert.Equal(["ExternalIds"], Errors(new ResolutionRequestDto(null)));
        Assert.Equal(["ExternalIds"], Errors(new ResolutionRequestDto([])));
        Assert.Equal(["ExternalIds"], Errors(new ResolutionRequestDto(tooMany)));
        Assert.Empty(Errors(new ResolutionRequestDto(tooMany[..EntityResolutionOptions.MaxIdsPerItem])));
        Assert.Equal(["ExternalIds[1]"], Errors(new ResolutionRequestDto([ImdbDto("tt0133093"), null!])));
    }

    [Fact]
    public void Single_NullRequest_IsAValidationFailure_NotACrash()
    {
        var failure = Assert.Single(Assert.Throws<ValidationException>(() => ResolutionRequestParser.Parse(null)).Errors);

        Assert.Equal(("", "'request' must not be empty."), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public void Single_ValuesAtTheLimits_Pass()
    {
        var longest = new string('x', 500);
        float[] oneZero = [0, .. Embedding()[1..]];   // a zero among others still has a direction

        Assert.Equal(longest, ResolutionRequestParser.Parse(new ResolutionRequestDto([ImdbDto("tt0133093")], longest, 1870, "movie")).Title);
        Assert.Equal(2200, ResolutionRequestParser.Parse(new ResolutionRequestDto([ImdbDto("tt0133093")], "Future", 2200, "movie")).Year);
        Assert.Same(oneZero, ResolutionRequestParser.Parse(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: oneZero)).Embedding);
    }

    [Fact]
    public void Single_TitleWithANulCharacter_IsNamed()
    {
        Assert.Equal(["Title: 'title' must not contain NUL characters or unpaired surrogates."],
            Messages(new ResolutionRequestDto([ImdbDto("tt0133093")], "The\0Matrix", 1999, "movie")));
    }

    [Fact]
    public void Single_ValidRequest_ParsesToDistinctCanonicalIds_KindAndTrimmedTitle()
    {
        var embedding = Embedding();

        var input = ResolutionRequestParser.Parse(new ResolutionRequestDto(
            [ImdbDto("https://www.imdb.com/title/tt0133093/"), ImdbDto("tt0133093"), new ExternalIdDto("TMDB", " 603 ", "Movie")],
            "  The Matrix ", 1999, "SERIES", embedding));

        Assert.Equal([Imdb("tt0133093"), Tmdb("603", "movie")], input.Ids);
        Assert.Equal((Domain.EntityResolution.EntityKind.Series, "The Matrix", (int?)1999), (input.Kind, input.Title, input.Year));
        Assert.Same(embedding, input.Embedding);
    }

    [Fact]
    public void Single_Messages_NameFieldsAsClientsSendThem()
    {
        var tooMany = Enumerable.Range(0, EntityResolutionOptions.MaxIdsPerItem + 1).Select(i => ImdbDto($"tt{1000000 + i}")).ToArray();

        Assert.Equal(["ExternalIds: 'externalIds' must not be empty."], Messages(new ResolutionRequestDto([])));
        Assert.Equal(["ExternalIds: At most 32 external ids per item."], Messages(new ResolutionRequestDto(tooMany)));
        Assert.Equal(["ExternalIds[0]: An external id must not be null."], Messages(new ResolutionRequestDto([null!])));
        Assert.Equal(
            [
                "Title: The length of 'title' must be 500 characters or fewer. You entered 501 characters.",
                "Title: 'title' must not be blank.",
                "Year: 'year' must be between 1870 and 2200. You entered 1869.",
                "Kind: 'kind' must be one of movie, series, season, episode.",
                "Embedding: 'embedding' must have exactly 512 numbers.",
            ],
            Messages(new ResolutionRequestDto([ImdbDto("tt0133093")], new string(' ', 501), 1869, "film", new float[511])));
        Assert.Equal(["Embedding: 'embedding' must hold finite numbers."],
            Messages(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: [float.PositiveInfinity, .. new float[511]])));
        Assert.Equal(["Embedding: 'embedding' must not be all zeros (it has no direction)."],
            Messages(new ResolutionRequestDto([ImdbDto("tt0133093")], Embedding: new float[512])));
    }

    [Fact]
    public void Batch_Messages_NameFieldsAsClientsSendThem()
    {
        var tooMany = Enumerable.Range(0, EntityResolutionOptions.MaxBatchItems + 1).Select(i => Valid(ImdbDto($"tt{1000000 + i}"))).ToArray();
        tooMany[7] = null!;

        Assert.Equal(["Items: 'items' must not be empty."], BatchMessages([]));
        Assert.Equal(["Items: At most 1000 items per batch.", "Items[7]: 'items' must not be empty."], BatchMessages(tooMany));
    }

    [Fact]
    public void Batch_ValidItems_ParseInRequestOrder()
    {
        var inputs = ResolutionRequestParser.ParseBatch([Valid(ImdbDto("tt0000002")), Valid(ImdbDto("tt0000001"))]);

        Assert.Equal([[Imdb("tt0000002")], [Imdb("tt0000001")]], inputs.Select(i => i.Ids));
    }

    [Fact]
    public void Batch_NamesTheItemAndItsField()
    {
        var errors = BatchErrors([Valid(), Valid(ImdbDto("tt05")), Valid(new ExternalIdDto("tvdb", "81189", "tv"))]);

        Assert.Equal(["Items[1].ExternalIds[0].value", "Items[2].ExternalIds[0].kind"], errors);
    }

    [Fact]
    public void Batch_RejectsMoreThanAThousandItems_ButAcceptsAThousand()
    {
        var items = Enumerable.Range(0, EntityResolutionOptions.MaxBatchItems + 1).Select(i => Valid(ImdbDto($"tt{1000000 + i}"))).ToArray();

        Assert.Equal(["Items"], BatchErrors(items));
        Assert.Empty(BatchErrors(items[..EntityResolutionOptions.MaxBatchItems]));
    }

    [Fact]
    public void Batch_RejectsNoItems_AndNullItems()
    {
        Assert.Equal(["Items"], BatchErrors(null));
        Assert.Equal(["Items"], BatchErrors([]));
        Assert.Equal(["Items[1]"], BatchErrors([Valid(), null!]));
    }

    [Fact]
    public void Batch_ReportsEveryBadItem()
    {
        var errors = BatchErrors([Valid(ImdbDto("tt05")), new ResolutionRequestDto([ImdbDto("tt0133093")], Kind: "film", Embedding: Enumerable.Repeat(0.1f, 511).ToArray())]);

        Assert.Equal(["Items[0].ExternalIds[0].value", "Items[1].Kind", "Items[1].Embedding"], errors);
    }
}
