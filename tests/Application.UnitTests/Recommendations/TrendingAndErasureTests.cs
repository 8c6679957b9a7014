using FluentValidation;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Recommendations;

public sealed class TrendingAndErasureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, TrendingWindow.Day)]
    [InlineData("", TrendingWindow.Day)]
    [InlineData("1h", TrendingWindow.Hour)]
    [InlineData("24h", TrendingWindow.Day)]
    [InlineData("7d", TrendingWindow.Week)]
    public void TheWindow_DefaultsToADay(string? window, TrendingWindow expected) =>
        Assert.Equal(expected, GetTrendingQuery.ParseWindow(window));

    [Fact]
    public void AnUnknownWindow_IsNamed_WithTheWindowsThereAre()
    {
        var failure = Assert.Single(Assert.Throws<ValidationException>(() => GetTrendingQuery.ParseWindow("30d")).Errors);

        Assert.Equal(("Window", "'window' must be one of 1h, 24h, 7d."), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public async Task Trending_AnswersTheStoresRanking_InItsOrder_WithItsScores()
    {
        var store = Substitute.For<IRecommendationStore>();
        var filter = new TitleFilter(EntityKind.Movie, null);
        store.GetTrendingAsync("tenant-a", TrendingWindow.Hour, filter, 2, Ct).Returns(
        [
            new TrendingTitle(Guid.NewGuid(), "Dune", EntityKind.Movie, 2021, 9.5),
            new TrendingTitle(Guid.NewGuid(), "Heat", EntityKind.Movie, null, 3.25),
        ]);

        var list = await new GetTrendingHandler(store).Handle(new GetTrendingQuery("tenant-a", TrendingWindow.Hour, new TitleListParameters(2, filter)), Ct);

        Assert.Equal([("Dune", "movie", (int?)2021, 9.5), ("Heat", "movie", null, 3.25)], list.Items.Select(i => (i.Title, i.Kind, i.Year, i.Score)));
        Assert.All(list.Items, i => Assert.Null(i.Reason));
    }

    [Fact]
    public async Task Erasure_ErasesTheCallersOwnProfile()
    {
        var store = Substitute.For<IInteractionStore>();
        var alice = new UserRef("tenant-a", "alice");

        await new EraseProfileHandler(store).Handle(new EraseProfileCommand(alice), Ct);

        await store.Received(1).EraseAsync(alice, Ct);
    }
}
