using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Options;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Recommendations;

/// <summary>How the handler combines the taste's neighbours, diversity, reasons and the cold-start fallbacks.</summary>
public sealed class GetRecommendationsHandlerTests
{
    private const string Model = "model/3";
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IRecommendationStore _store = Substitute.For<IRecommendationStore>();
    private readonly ITextEmbedder _embedder = Substitute.For<ITextEmbedder>();

    public GetRecommendationsHandlerTests()
    {
        _embedder.ModelId.Returns(Model);
        _store.GetTrendingAsync(default!, default, default!, default, Ct).ReturnsForAnyArgs([]);
        _store.GetNewestAsync(default!, default!, default!, default, Ct).ReturnsForAnyArgs([]);
    }

    [Fact]
    public async Task KnownUser_GetsTheTastesNeighbours_EachWithTheRecentTitleMostLikeIt()
    {
        GivenTaste(interactions: 12, [1, 0, 0], Signal("Alien", [1, 0, 0]), Signal("Notting Hill", [0, 1, 0]));
        GivenNearest(Near("Aliens", [0.99f, 0.1f, 0], 0.01), Near("Four Weddings", [0.1f, 0.99f, 0], 0.5));

        var list = await Handle(limit: 2);

        Assert.Equal(["Aliens", "Four Weddings"], list.Items.Select(i => i.Title));
        Assert.Equal(["because you watched Alien", "because you watched Notting Hill"], list.Items.Select(i => i.Reason));
        Assert.Equal(0.99, list.Items[0].Score, 6);
        await _store.DidNotReceiveWithAnyArgs().GetTrendingAsync(default!, default, default!, default, Ct);
    }

    [Fact]
    public async Task KnownUser_ListIsDiversified_NotNearCopiesOfOneTitle()
    {
        GivenTaste(interactions: 12, [1, 0.3f, 0]);
        GivenNearest(
            Near("Copy A", [1, 0, 0], 0.04), Near("Copy B", [1, 0.001f, 0], 0.04), Near("Copy C", [1, 0.002f, 0], 0.041),
            Near("Different", [0.2f, 1, 0], 0.2));

        var list = await Handle(limit: 2);

        Assert.Equal(["Copy A", "Different"], list.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task NewUser_GetsTrending_WithoutTitlesTheyInteractedWith()
    {
        GivenTaste(interactions: 0, vector: null, excluded: [Id("Seen")]);
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs(
            [Trending("Seen"), Trending("Hit 1"), Trending("Hit 2")]);

        var list = await Handle(limit: 2);

        Assert.Equal(["Hit 1", "Hit 2"], list.Items.Select(i => i.Title));
        Assert.All(list.Items, i => Assert.Equal("popular right now", i.Reason));
    }

    [Fact]
    public async Task NothingTrending_TheNewestTitlesFillTheList_NeverEmpty()
    {
        GivenTaste(interactions: 0, vector: null);
        _store.GetNewestAsync(Alice.TenantId, Model, default!, default, Ct).ReturnsForAnyArgs([Trending("New 1"), Trending("New 2")]);

        var list = await Handle(limit: 5);

        Assert.Equal(["New 1", "New 2"], list.Items.Select(i => i.Title));
        Assert.All(list.Items, i => Assert.Equal("new in the catalog", i.Reason));
    }

    [Fact]
    public async Task FewInteractions_BlendTasteAndTrending_TasteGainingWithEachInteraction()
    {
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("Hit")]);
        GivenNearest(Near("Close match", [1, 0, 0], 0.05));

        GivenTaste(interactions: 1, [1, 0, 0]);
        var afterOne = await Handle(limit: 2);
        GivenTaste(interactions: 4, [1, 0, 0]);
        var afterFour = await Handle(limit: 2);

        Assert.Equal(["Hit", "Close match"], afterOne.Items.Select(i => i.Title));
        Assert.Equal(["Close match", "Hit"], afterFour.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task KnownUser_NarrowFilter_FallbackFollowsThePersonalItems_InTrendingOrder()
    {
        GivenTaste(interactions: 20, [1, 0, 0]);
        GivenNearest(Near("Only match", [1, 0, 0], 0.1));
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("Hit 1"), Trending("Hit 2")]);

        var list = await Handle(limit: 3);

        Assert.Equal(["Only match", "Hit 1", "Hit 2"], list.Items.Select(i => i.Title));
    }

    private async Task<TitleList> Handle(int limit)
    {
        var handler = new GetRecommendationsHandler(_store, _embedder, Options.Create(new RecommendationOptions()));
        return await handler.Handle(new GetRecommendationsQuery(Alice, new TitleListParameters(limit, TitleFilter.Any)), Ct);
    }

    private void GivenTaste(int interactions, float[]? vector, params TasteSignal[] recent) => GivenTaste(interactions, vector, [], recent);

    private void GivenTaste(int interactions, float[]? vector, Guid[] excluded, params TasteSignal[] recent) =>
        _store.GetTasteAsync(Alice, Model, Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(new UserTaste(vector, interactions, recent, excluded.ToHashSet()));

    private void GivenNearest(params NearTitle[] titles) =>
        _store.FindNearestAsync(Alice.TenantId, Model, Arg.Any<float[]>(), Arg.Any<TitleFilter>(), Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(titles);

    private static Guid Id(string title) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(title)));

    private static TasteSignal Signal(string title, float[] vector) => new(Id(title), title, vector);

    private static NearTitle Near(string title, float[] vector, double distance) => new(Id(title), title, EntityKind.Movie, 2000, vector, distance);

    private static TrendingTitle Trending(string title) => new(Id(title), title, EntityKind.Movie, 2000, 1);
}
