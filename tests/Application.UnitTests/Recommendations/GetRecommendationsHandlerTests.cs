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

    [Fact]
    public async Task KnownUser_FromTheColdStartThreshold_GetsOnlyTheTastesNeighbours_FromCandidatesPerItemFetched()
    {
        GivenTaste(interactions: new RecommendationOptions().ColdStartInteractions, [1, 0, 0]);
        GivenNearest(Near("Aliens", [1, 0, 0], 0.1), Near("Four Weddings", [0, 1, 0], 0.6));

        var list = await Handle(limit: 2);

        Assert.Equal(["Aliens", "Four Weddings"], list.Items.Select(i => i.Title));
        await _store.Received(1).FindNearestAsync(Alice.TenantId, Model, Arg.Any<float[]>(), TitleFilter.Any, Arg.Any<IReadOnlyCollection<Guid>>(),
            2 * new RecommendationOptions().CandidatesPerItem, Ct);
        await _store.DidNotReceiveWithAnyArgs().GetTrendingAsync(default!, default, default!, default, Ct);
    }

    [Fact]
    public async Task NoTasteToMatch_DespiteInteractions_TheFallbackKeepsItsFullScore_FallingWithRank()
    {
        // Interactions without a direction (neutral ratings, titles not embedded): confidence stays 0.
        GivenTaste(interactions: 3, vector: null);
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("Hit 1"), Trending("Hit 2"), Trending("Hit 3")]);

        var list = await Handle(limit: 3);

        Assert.Equal(["Hit 1", "Hit 2", "Hit 3"], list.Items.Select(i => i.Title));
        Assert.Equal([1, 1 / 1.1, 1 / 1.2], list.Items.Select(i => i.Score));
    }

    [Fact]
    public async Task TheFallback_AsksForEnoughToFillTheListAfterTheExclusions_InPowersOfTwo_UpToTheTrendingDepth()
    {
        GivenTaste(interactions: 0, vector: null, excluded: [Id("Seen 1"), Id("Seen 2")]);
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct)
            .ReturnsForAnyArgs([.. Enumerable.Range(1, 8).Select(i => Trending($"Hit {i}"))]);

        var list = await Handle(limit: 5);
        await Handle(limit: 5, new RecommendationOptions { TrendingDepth = 4 });

        Assert.Equal(5, list.Items.Count);
        await _store.Received(1).GetTrendingAsync(Alice.TenantId, GetRecommendationsHandler.ColdStartWindow, TitleFilter.Any, 8, Ct);   // 5 + 2, rounded up
        await _store.Received(1).GetTrendingAsync(Alice.TenantId, GetRecommendationsHandler.ColdStartWindow, TitleFilter.Any, 4, Ct);
        // Trending filled what was asked for: the newest titles are not needed.
        await _store.DidNotReceiveWithAnyArgs().GetNewestAsync(default!, default!, default!, default, Ct);
    }

    [Fact]
    public async Task FewInteractions_PersonalScores_AreWeighedByHowMuchIsKnown()
    {
        GivenTaste(interactions: 1, [1, 0, 0]);   // 1 of the 5 a cold start needs
        GivenNearest(Near("Close match", [1, 0, 0], 0.05));

        var list = await Handle(limit: 1);

        Assert.Equal("Close match", Assert.Single(list.Items).Title);
        Assert.Equal(0.2 * 0.95, list.Items[0].Score, 9);
    }

    [Fact]
    public async Task APersonalMatch_TyingTheTopTrendingTitle_ComesFirst()
    {
        GivenTaste(interactions: 2, [1, 0, 0]);   // half of 4: a perfect match and the top trending title both score 0.5
        GivenNearest(Near("Match", [1, 0, 0], 0));
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("Hit")]);

        var list = await Handle(limit: 2, new RecommendationOptions { ColdStartInteractions = 4 });

        Assert.Equal([("Match", 0.5), ("Hit", 0.5)], list.Items.Select(i => (i.Title, i.Score)));
    }

    [Fact]
    public async Task ATitleBothPersonalAndTrending_IsListedOnce_WithTheBetterOfItsScores_AndItsPersonalReason()
    {
        GivenTaste(interactions: 1, [1, 0, 0]);   // confidence 0.2
        GivenNearest(Near("Hit", [1, 0, 0], 0.1));
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("Hit"), Trending("Other")]);

        var list = await Handle(limit: 3);

        Assert.Equal([("Hit", 0.8, "matches your taste"), ("Other", Math.Round(0.8 / 1.1, 9), "popular right now")],
            list.Items.Select(i => (i.Title, Math.Round(i.Score, 9), i.Reason)));
    }

    [Fact]
    public async Task ATieBetweenATitlesPersonalAndTrendingScores_KeepsItAmongThePersonalItems()
    {
        GivenTaste(interactions: 2, [1, 0, 0]);   // confidence 0.5: each perfect match scores 0.5, as does the top trending title
        GivenNearest(Near("First", [1, 0, 0], 0), Near("Second", [0, 1, 0], 0));
        _store.GetTrendingAsync(Alice.TenantId, default, default!, default, Ct).ReturnsForAnyArgs([Trending("First")]);

        var list = await Handle(limit: 2, new RecommendationOptions { ColdStartInteractions = 4 });

        Assert.Equal(["First", "Second"], list.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task NoOtherRecentTitle_ToExplainAMatch_TheReasonIsTheTaste()
    {
        GivenTaste(interactions: 12, [1, 0, 0], Signal("Aliens", [1, 0, 0]));   // only the match itself was recent
        GivenNearest(Near("Aliens", [1, 0, 0], 0.01));

        var list = await Handle(limit: 1);

        Assert.Equal("matches your taste", Assert.Single(list.Items).Reason);
    }

    private async Task<TitleList> Handle(int limit, RecommendationOptions? options = null)
    {
        var handler = new GetRecommendationsHandler(_store, _embedder, Options.Create(options ?? new RecommendationOptions()));
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
