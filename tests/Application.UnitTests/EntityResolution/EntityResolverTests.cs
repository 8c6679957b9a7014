using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class EntityResolverTests
{
    private static readonly Guid Matrix = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Heat = new("00000000-0000-0000-0000-00000000000b");
    private static readonly ExternalId A = Imdb("tt1000001");
    private static readonly ExternalId B = Imdb("tt1000002");
    private static readonly ExternalId C = Imdb("tt1000003");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ResolverHarness _h = new();

    private static ResolutionInput Input(string? title, EntityKind? kind, params ExternalId[] ids) => new(ids, kind, title, 2000, null);

    [Fact]
    public async Task ResolveAsync_NoInputs_ReturnsNothing_AndNeverTouchesTheStore()
    {
        var outcomes = await _h.Resolver().ResolveAsync(Tenant, [], Ct);

        Assert.Empty(outcomes);
        await _h.Store.DidNotReceive().FindMappingsAsync(Arg.Any<string>(), Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>());
        await _h.Store.DidNotReceive().SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ResolveAsync_Conflict_NamesBothEntities_AndLeavesTheRequestIdsAsGiven()
    {
        _h.Cached[A] = new CachedMapping(Matrix, 1.0);
        _h.Stored[B] = new KnownMapping(B, Heat, 1.0);

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [Input("X", EntityKind.Movie, A, B, C)], Ct));

        Assert.Equal(ResolutionStatus.Conflict, outcome.Status);
        Assert.Equal([Matrix, Heat], outcome.ConflictingEntityIds);
        Assert.Equal([A, B, C], outcome.Ids);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task ResolveAsync_NeedsTitleAndKind_AnywhereInTheBatch_StoresNothingForAnyItem()
    {
        var outcomes = await _h.Resolver().ResolveAsync(Tenant, [Input("New", EntityKind.Movie, A), Input(null, null, B)], Ct);

        Assert.Equal([ResolutionStatus.Created, ResolutionStatus.NeedsTitleAndKind], outcomes.Select(o => o.Status));
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task ResolveAsync_KindAndEmbeddingWithoutTitle_LinksByEmbedding()
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 2000, null, 0.9));
        var input = new ResolutionInput([A], EntityKind.Movie, null, 2000, Embedding());

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [input], Ct));

        Assert.Equal((ResolutionStatus.Resolved, Matrix, 0.9, ResolutionMethod.Embedding), (outcome.Status, outcome.EntityId, outcome.Confidence, outcome.Method));
        await _h.Store.Received(1).FindCandidatesAsync(Tenant,
            Arg.Is<IReadOnlyList<MatchQuery>>(q => q.Single().NormalizedTitle == null && q.Single().Embedding == input.Embedding), Arg.Any<int>(),
            Arg.Is<double>(floor => Math.Abs(floor - 0.7) < 1e-9), Arg.Any<CancellationToken>());   // an embedding can lift a 0.7 title to 0.85
    }

    [Fact]
    public async Task ResolveAsync_KindAndEmbeddingWithoutTitle_NoMatch_NeedsTitle()
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 2000, null, 0.5));

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [new ResolutionInput([A], EntityKind.Movie, null, 2000, Embedding())], Ct));

        Assert.Equal(ResolutionStatus.NeedsTitleAndKind, outcome.Status);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task ResolveAsync_TitleWithoutKind_IsNeverMatched()
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 2000, 1.0, null));

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [Input("The Matrix", null, A)], Ct));

        Assert.Equal(ResolutionStatus.NeedsTitleAndKind, outcome.Status);
        await _h.Store.DidNotReceive().FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ResolveAsync_RaceLostOnOneIdOfAnItem_TheRetryReportsTheConflict_AndStillSavesTheOtherItems()
    {
        _h.Cached[A] = new CachedMapping(Matrix, 1.0);
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call, new KnownMapping(B, Heat, 1.0)), _h.Commit);

        var outcomes = await _h.Resolver().ResolveAsync(Tenant, [Input("Matrix", EntityKind.Movie, A, B), Input("New", EntityKind.Movie, C)], Ct);

        Assert.Equal([ResolutionStatus.Conflict, ResolutionStatus.Created], outcomes.Select(o => o.Status));
        Assert.Equal([Matrix, Heat], outcomes[0].ConflictingEntityIds);
        Assert.Equal(2, _h.Saves.Count);
        Assert.Equal([B, C], _h.Saves[0].Mappings.Select(m => m.Id));
        Assert.Equal([C], _h.Saves[1].Mappings.Select(m => m.Id));
        Assert.Equal(outcomes[1].EntityId, Assert.Single(_h.Saves[1].Entities).Id);
    }

    [Fact]
    public async Task ResolveAsync_RetryCreatesAFreshEntity_WhenTheWinnerTookOnlyAnotherItemsId()
    {
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call, new KnownMapping(A, Heat, 1.0)), _h.Commit);

        var outcomes = await _h.Resolver().ResolveAsync(Tenant, [Input("Heat", EntityKind.Movie, A), Input("New", EntityKind.Movie, B)], Ct);

        Assert.Equal([(ResolutionStatus.Resolved, ResolutionMethod.Exact), (ResolutionStatus.Created, ResolutionMethod.Created)],
            outcomes.Select(o => (o.Status, o.Method)));
        Assert.Equal(Heat, outcomes[0].EntityId);
        Assert.Equal(outcomes[1].EntityId, Assert.Single(_h.Saves[1].Entities).Id);
        Assert.Equal([B], _h.Saves[1].Mappings.Select(m => m.Id));
    }

    [Fact]
    public async Task ResolveAsync_SaveRefusedEveryTime_GivesUpAfterThreeAttempts()
    {
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call));

        var conflict = await Assert.ThrowsAsync<ConflictException>(async () =>
            await _h.Resolver().ResolveAsync(Tenant, [Input("Heat", EntityKind.Movie, A)], Ct));

        Assert.Equal("These external ids are being resolved concurrently by another request; retry.", conflict.Message);
        Assert.Equal(3, _h.Saves.Count);
        Assert.Equal(3, _h.Saves.Select(s => Assert.Single(s.Entities).Id).Distinct().Count());
    }

    [Fact]
    public async Task ResolveAsync_AKnownIdBesideNewOnes_Decides_WithoutACandidateQuery()
    {
        _h.Stored[A] = new KnownMapping(A, Matrix, 1.0);
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 2000, 1.0, null));

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [Input("Heat", EntityKind.Movie, A, B)], Ct));

        Assert.Equal((ResolutionStatus.Resolved, Matrix), (outcome.Status, outcome.EntityId));
        await _h.Store.DidNotReceive().FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ResolveAsync_ATitleOfPunctuationOnly_IsNotMatchedByTitle()
    {
        var embedding = Embedding();

        var created = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [Input("?!", EntityKind.Movie, A)], Ct));
        await _h.Resolver().ResolveAsync(Tenant, [new ResolutionInput([B], EntityKind.Movie, "?!", 2000, embedding)], Ct);

        Assert.Equal(ResolutionStatus.Created, created.Status);
        // Without an embedding there is nothing to match by; with one, only the embedding is compared.
        await _h.Store.Received(1).FindCandidatesAsync(Tenant,
            Arg.Is<IReadOnlyList<MatchQuery>>(q => q.Single().NormalizedTitle == null && q.Single().Embedding == embedding), Arg.Any<int>(), Arg.Any<double>(),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ResolveAsync_ABatchWithOneEmbedding_LowersTheTitleFloorForAll()
    {
        await _h.Resolver().ResolveAsync(Tenant,
            [Input("Heat", EntityKind.Movie, A), new ResolutionInput([B], EntityKind.Movie, "The Matrix", 1999, Embedding())], Ct);

        await _h.Store.Received(1).FindCandidatesAsync(Tenant, Arg.Is<IReadOnlyList<MatchQuery>>(q => q.Count == 2), Arg.Any<int>(),
            Arg.Is<double>(floor => Math.Abs(floor - 0.7) < 1e-9), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ResolveAsync_CandidatesScoringTheSame_GoToTheLowestEntityId_WhateverTheirOrder()
    {
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 2000, 0.9, null));
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 2000, 0.9, null));

        var outcome = Assert.Single(await _h.Resolver().ResolveAsync(Tenant, [Input("Heat", EntityKind.Movie, A)], Ct));

        Assert.Equal((ResolutionMethod.Fuzzy, Matrix), (outcome.Method, outcome.EntityId));   // ...0a before ...0b
    }

    [Fact]
    public async Task ResolveAsync_PassesTheTenantToEveryCall()
    {
        await _h.Resolver().ResolveAsync("tenant-b", [Input("Heat", EntityKind.Movie, A)], Ct);

        await _h.Store.Received(1).FindMappingsAsync("tenant-b", Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>());
        await _h.Store.Received(1).FindCandidatesAsync("tenant-b", Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
        await _h.Store.Received(1).SaveAsync("tenant-b", Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    // Scores are the similarities times 0.9 (no year): 0.855 and 0.855; 0.900 and 0.855 (0.045 apart, within 0.05);
    // 0.900 and 0.84996, just below the 0.85 threshold, so only one candidate counts.
    [InlineData(0.95, 0.95, true)]
    [InlineData(1.00, 0.95, true)]
    [InlineData(1.00, 0.9444, false)]
    public async Task WithoutAYear_TheBestTwoWithinTheMargin_LinkNeither(double first, double second, bool ambiguous)
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 1999, first, null, "The Matrix"));
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 2003, second, null, "The Matrix"));

        var outcome = (await _h.Resolver().ResolveAsync(Tenant, [new ResolutionInput([A], EntityKind.Movie, "The Matrix", null, null)], Ct))[0];

        if (ambiguous)
        {
            Assert.Equal(ResolutionStatus.Created, outcome.Status);
            Assert.Equal([Matrix, Heat], outcome.CloseCandidates!.Select(c => c.EntityId).Order());
        }
        else
        {
            Assert.Equal((ResolutionStatus.Resolved, Matrix), (outcome.Status, outcome.EntityId));
            Assert.Null(outcome.CloseCandidates);
        }
    }

    [Fact]
    public async Task WithAYear_TwoEqualCandidates_LinkTheLowestId_NotAmbiguous()
    {
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 2000, 1.0, null, "Twin"));
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 2000, 1.0, null, "Twin"));

        var outcome = (await _h.Resolver().ResolveAsync(Tenant, [Input("Twin", EntityKind.Movie, A)], Ct))[0];

        Assert.Equal((ResolutionStatus.Resolved, Matrix), (outcome.Status, outcome.EntityId));
        Assert.Null(outcome.CloseCandidates);
    }
}
