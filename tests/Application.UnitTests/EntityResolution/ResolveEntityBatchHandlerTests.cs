using FluentValidation;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class ResolveEntityBatchHandlerTests
{
    private static readonly Guid Matrix = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Heat = new("00000000-0000-0000-0000-00000000000b");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ResolverHarness _h = new();

    private ResolveEntityBatchHandler Handler() => new(_h.Resolver());

    private static ResolveEntityBatchCommand Command(params ResolutionRequestDto[] items) => new(Tenant, ResolutionRequestParser.ParseBatch(items));

    private static ResolutionRequestDto Movie(string title, int year, params string[] imdbIds) =>
        Request(title, year, "movie", imdbIds.Select(ImdbDto).ToArray());

    [Fact]
    public async Task Handle_ConflictingItem_IsAConflict_AndTheOtherItemsProceed()
    {
        _h.Cached[Imdb("tt0133093")] = new CachedMapping(Matrix, 1.0);
        _h.Stored[Imdb("tt0113277")] = new KnownMapping(Imdb("tt0113277"), Heat, 1.0);

        var response = await Handler().Handle(Command(
            Movie("New", 2020, "tt1000001"),
            Movie("Mixed", 1999, "tt0133093", "tt0113277", "tt1000002"),
            Movie("The Matrix", 1999, "tt0133093")), Ct);

        Assert.Equal([ResolutionStatus.Created, ResolutionStatus.Conflict, ResolutionStatus.Resolved], response.Items.Select(i => i.Status));
        var conflict = response.Items[1];
        Assert.Equal((null, null, null), (conflict.EntityId, conflict.Confidence, conflict.Method));
        Assert.Equal([Matrix, Heat], conflict.ConflictingEntityIds!.Order());
        Assert.Equal("These external ids already point at different entities; they are not merged automatically.", conflict.Detail);
        Assert.Equal(3, conflict.ExternalIds.Count);
        Assert.Equal((Matrix, "cache"), (response.Items[2].EntityId, response.Items[2].Method));
        var save = Assert.Single(_h.Saves);
        var created = Assert.Single(save.Entities);
        Assert.Equal("New", created.Title);
        Assert.Equal([new MappingWrite(Imdb("tt1000001"), created.Id, 1.0, ResolutionMethod.Created)], save.Mappings);
        Assert.Equal((created.Id, "created", (string?)null), (response.Items[0].EntityId, response.Items[0].Method, response.Items[0].Detail));
        Assert.Null(response.Items[0].ConflictingEntityIds);
    }

    [Fact]
    public async Task Handle_OnlyConflicts_StoresNothing()
    {
        _h.Stored[Imdb("tt0133093")] = new KnownMapping(Imdb("tt0133093"), Matrix, 1.0);
        _h.Stored[Imdb("tt0113277")] = new KnownMapping(Imdb("tt0113277"), Heat, 1.0);

        var response = await Handler().Handle(Command(Movie("Mixed", 1999, "tt0133093", "tt0113277", "tt1000002")), Ct);

        Assert.Equal(ResolutionStatus.Conflict, Assert.Single(response.Items).Status);
        await _h.Store.DidNotReceive().SaveAsync(
            Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ItemWithoutTitleOrKind_RejectsTheWholeBatchByItemIndex_AndStoresNothing()
    {
        var command = Command(
            Movie("Valid", 2000, "tt0500001"),
            Request(null, null, null, ImdbDto("tt0500002")),
            Request("No kind", 2000, null, ImdbDto("tt0500003")));

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await Handler().Handle(command, Ct));

        Assert.Equal(["items[1].title", "items[2].title"], error.Errors.Select(e => e.PropertyName));
        Assert.All(error.Errors, e => Assert.Equal("No external id is known yet: 'title' and 'kind' are needed to create the entity.", e.ErrorMessage));
        await _h.Store.DidNotReceive().SaveAsync(
            Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_TwoItemsShareANewId_CreateOneEntity_AndSaveTheIdOnce()
    {
        var response = await Handler().Handle(Command(
            Movie("Heat", 1995, "tt0113277"),
            Movie("Heat", 1995, "tt0113277", "tt9113277")), Ct);

        var save = Assert.Single(_h.Saves);
        var entity = Assert.Single(save.Entities);
        Assert.Equal([entity.Id, entity.Id], response.Items.Select(i => i.EntityId!.Value));
        Assert.Equal([(ResolutionStatus.Created, "created"), (ResolutionStatus.Resolved, "exact")], response.Items.Select(i => (i.Status, i.Method!)));
        Assert.Equal(
            [
                new MappingWrite(Imdb("tt0113277"), entity.Id, 1.0, ResolutionMethod.Created),
                new MappingWrite(Imdb("tt9113277"), entity.Id, 1.0, ResolutionMethod.Exact),
            ],
            save.Mappings);
    }

    [Fact]
    public async Task Handle_LaterItemCarryingANewIdOfAnEarlierItem_NeedsNoTitle()
    {
        var response = await Handler().Handle(Command(
            Movie("Heat", 1995, "tt0113277"),
            Request(null, null, null, ImdbDto("tt0113277"))), Ct);

        Assert.Equal([ResolutionStatus.Created, ResolutionStatus.Resolved], response.Items.Select(i => i.Status));
        Assert.Equal(response.Items[0].EntityId, response.Items[1].EntityId);
        Assert.Single(Assert.Single(_h.Saves).Mappings);
    }

    [Fact]
    public async Task Handle_QueriesCandidatesOnceForTheItemsWithoutKnownIds_AndLinksByIndex()
    {
        _h.Cached[Imdb("tt0133093")] = new CachedMapping(Matrix, 1.0);
        _h.Candidates.Add(new MatchCandidate(2, Heat, EntityKind.Movie, 1995, 1.0, null));

        var response = await Handler().Handle(Command(
            Movie("New", 2020, "tt1000001"),
            Movie("The Matrix", 1999, "tt0133093"),
            Movie("Heat", 1995, "tt1000003")), Ct);

        await _h.Store.Received(1).FindCandidatesAsync(Tenant,
            Arg.Is<IReadOnlyList<MatchQuery>>(q => q.Select(x => x.Index).SequenceEqual(new[] { 0, 2 })), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
        Assert.Equal([(ResolutionStatus.Created, "created"), (ResolutionStatus.Resolved, "cache"), (ResolutionStatus.Resolved, "fuzzy")], response.Items.Select(i => (i.Status, i.Method!)));
        Assert.Equal(Heat, response.Items[2].EntityId);
        var save = Assert.Single(_h.Saves);
        Assert.Single(save.Entities);
        Assert.Equal([ResolutionMethod.Created, ResolutionMethod.Fuzzy], save.Mappings.Select(m => m.Method));
    }

    [Fact]
    public async Task Handle_OneStoreLookupForEveryIdOfTheBatch()
    {
        _h.Cached[Imdb("tt0133093")] = new CachedMapping(Matrix, 1.0);

        await Handler().Handle(Command(
            Movie("A", 2001, "tt1000001", "tt0133093"),
            Movie("B", 2002, "tt1000002", "tt1000001")), Ct);

        await _h.Store.Received(1).FindMappingsAsync(Tenant,
            Arg.Is<IReadOnlyCollection<ExternalId>>(ids => ids.SequenceEqual(new[] { Imdb("tt1000001"), Imdb("tt0133093"), Imdb("tt1000002") })), Arg.Any<CancellationToken>());
    }
}
