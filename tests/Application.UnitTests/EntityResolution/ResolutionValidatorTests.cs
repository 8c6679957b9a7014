using MediaGateway.Application.EntityResolution;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class ResolutionValidatorTests
{
    private const string ValidEidr = "10.5240/7791-8534-2C23-9030-8610-5";

    private static ResolutionRequestDto Valid(params ExternalIdDto[] ids) =>
        new(ids.Length == 0 ? [ImdbDto("tt0133093")] : ids, "The Matrix", 1999, "movie", Embedding());

    private static string[] Errors(ResolutionRequestDto request) =>
        new ResolveEntityValidator().Validate(new ResolveEntityCommand(Tenant, request)).Errors.Select(e => e.PropertyName).ToArray();

    private static string[] BatchErrors(IReadOnlyList<ResolutionRequestDto>? items) =>
        new ResolveEntityBatchValidator().Validate(new ResolveEntityBatchCommand(Tenant, items)).Errors.Select(e => e.PropertyName).ToArray();

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

        var errors = new ResolveEntityValidator().Validate(new ResolveEntityCommand(Tenant, request)).Errors;

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
    public void Single_NullRequest_IsRejected_NotThrown()
    {
        var result = new ResolveEntityValidator().Validate(new ResolveEntityCommand(Tenant, null!));

        Assert.False(result.IsValid);
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
