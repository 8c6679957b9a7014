using FluentValidation;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Recommendations;

/// <summary>The list parameters every list endpoint shares, and the similar-titles use case.</summary>
public sealed class TitleListTests
{
    private const string Tenant = "tenant-a";
    private const string Model = "model/3";
    private static readonly Guid Seed = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Defaults_Are20Titles_OfAnyKindAndGenre() =>
        Assert.Equal(new TitleListParameters(20, TitleFilter.Any), TitleListParameters.Parse(null, null, " "));

    [Fact]
    public void KindAndGenre_AreParsed_TheGenreTrimmedAndLowerCased() =>
        Assert.Equal(new TitleListParameters(100, new TitleFilter(EntityKind.Series, "sci-fi")), TitleListParameters.Parse(100, "series", " Sci-Fi "));

    [Theory]
    [InlineData(0, null, null, "Limit", "'limit' must be between 1 and 100. You entered 0.")]
    [InlineData(101, null, null, "Limit", "'limit' must be between 1 and 100. You entered 101.")]
    [InlineData(1, "podcast", null, "Kind", "'kind' must be one of movie, series, season, episode.")]
    public void BadParameters_AreNamed_WithWhatIsAllowed(int limit, string? kind, string? genre, string field, string message)
    {
        var failure = Assert.Single(Assert.Throws<ValidationException>(() => TitleListParameters.Parse(limit, kind, genre)).Errors);

        Assert.Equal((field, message), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public void AGenre_LongerThanTheCatalogAllows_IsNamed()
    {
        var longest = new string('g', CatalogLimits.MaxGenreLength);
        Assert.Equal(longest, TitleListParameters.Parse(1, null, longest).Filter.Genre);
        var tooLong = Assert.Single(Assert.Throws<ValidationException>(() => TitleListParameters.Parse(1, null, longest + "g")).Errors);
        Assert.Equal(("Genre", "'genre' must be 50 characters or fewer."), (tooLong.PropertyName, tooLong.ErrorMessage));
    }

    [Fact]
    public async Task SimilarTitles_AreTheTitlesNearestTheSeed_WithoutIt_ScoredByCosine()
    {
        var (store, handler) = Handler();
        store.GetTitleAsync(Tenant, Model, Seed, Ct).Returns(new NearTitle(Seed, "Alien", EntityKind.Movie, 1979, [1, 0, 0], 0));
        var filter = new TitleFilter(EntityKind.Movie, "horror");
        store.FindNearestAsync(Tenant, Model, Arg.Is<float[]>(v => v[0] == 1), filter, Arg.Is<IReadOnlyCollection<Guid>>(x => x.Single() == Seed), 5, Ct)
            .Returns([new NearTitle(Guid.NewGuid(), "Aliens", EntityKind.Movie, 1986, [1, 0, 0], 0.25)]);

        var list = await handler.Handle(new GetSimilarTitlesQuery(Tenant, Seed, new TitleListParameters(5, filter)), Ct);

        var item = Assert.Single(list.Items);
        Assert.Equal(("Aliens", "movie", 1986, 0.75), (item.Title, item.Kind, item.Year, item.Score));
    }

    [Fact]
    public async Task SimilarTitles_OfATitleWithoutAnEmbedding_AreNone_AndOfAnUnknownTitle_NotFound()
    {
        var (store, handler) = Handler();
        store.GetTitleAsync(Tenant, Model, Seed, Ct).Returns(new NearTitle(Seed, "Alien", EntityKind.Movie, 1979, null, 0));
        var parameters = new TitleListParameters(5, TitleFilter.Any);

        Assert.Empty((await handler.Handle(new GetSimilarTitlesQuery(Tenant, Seed, parameters), Ct)).Items);
        await store.DidNotReceiveWithAnyArgs().FindNearestAsync(default!, default!, default!, default!, default!, default, Ct);
        var unknown = Guid.NewGuid();
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetSimilarTitlesQuery(Tenant, unknown, parameters), Ct).AsTask());
        Assert.Equal($"Entity '{unknown}' was not found.", notFound.Message);
    }

    private static (IRecommendationStore Store, GetSimilarTitlesHandler Handler) Handler()
    {
        var store = Substitute.For<IRecommendationStore>();
        var embedder = Substitute.For<ITextEmbedder>();
        embedder.ModelId.Returns(Model);
        return (store, new GetSimilarTitlesHandler(store, embedder));
    }

    // Out of the theory's data: a NUL in an argument lands in the test's display name, which the TRX report cannot hold.
    [Fact]
    public void AGenreWithNul_IsNamed() =>
        BadParameters_AreNamed_WithWhatIsAllowed(1, null, "a\0b", "Genre", "'genre' must not contain NUL characters or unpaired surrogates.");
}
