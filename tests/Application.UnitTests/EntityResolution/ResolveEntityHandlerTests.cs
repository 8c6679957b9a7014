using FluentValidation;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class ResolveEntityHandlerTests
{
    private static readonly Guid Matrix = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Heat = new("00000000-0000-0000-0000-00000000000b");
    private static readonly ExternalId MatrixImdb = Imdb("tt0133093");
    private static readonly ExternalId MatrixTmdb = Tmdb("603", "movie");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ResolverHarness _h = new();

    private ResolveEntityHandler Handler() => new(_h.Resolver());

    private static ResolveEntityCommand Command(ResolutionRequestDto request) => new(Tenant, ResolutionRequestParser.Parse(request));

    private static ResolveEntityCommand MatrixCommand(params ExternalIdDto[] ids) => Command(Request("The Matrix", 1999, "movie", ids));

    private static ExternalIdDto MatrixImdbDto => ImdbDto("tt0133093");

    private static ExternalIdDto MatrixTmdbDto => new("tmdb", "603", "movie");

    [Fact]
    public async Task Handle_EveryIdCached_AnswersFromCache_WithoutTheStore()
    {
        _h.Cached[MatrixImdb] = new CachedMapping(Matrix, 0.9);
        _h.Cached[MatrixTmdb] = new CachedMapping(Matrix, 1.0);

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto, MatrixTmdbDto), Ct);

        Assert.Equal((Matrix, "cache", 1.0), (result.EntityId, result.Method, result.Confidence));
        Assert.False(result.Created);
        await _h.Store.Received(1).FindMappingsAsync(Arg.Any<string>(), Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>());
        await _h.Store.DidNotReceive().FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
        await _h.Store.DidNotReceive().SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_IdsFoundInStore_ResolveExact_AndAreWrittenBackToTheCache()
    {
        var found = new KnownMapping(MatrixImdb, Matrix, 0.95);
        _h.Stored[MatrixImdb] = found;

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto), Ct);

        Assert.Equal((Matrix, "exact", 0.95), (result.EntityId, result.Method, result.Confidence));
        await _h.Store.DidNotReceive().SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
        await _h.Store.DidNotReceive().FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_KnownIdPlusUnknownId_SavesTheUnknownOneOnTheKnownEntity_WithTheBestKnownConfidence()
    {
        var eidr = ExternalId.Parse("eidr", "10.5240/7791-8534-2C23-9030-8610-5");
        _h.Cached[MatrixImdb] = new CachedMapping(Matrix, 0.8);
        _h.Stored[MatrixTmdb] = new KnownMapping(MatrixTmdb, Matrix, 0.93);

        var result = await Handler().Handle(
            MatrixCommand(MatrixImdbDto, MatrixTmdbDto, new ExternalIdDto("eidr", eidr.Value)), Ct);

        Assert.Equal((Matrix, "exact", 0.93), (result.EntityId, result.Method, result.Confidence));
        await _h.Store.Received(1).FindMappingsAsync(Tenant,
            Arg.Is<IReadOnlyCollection<ExternalId>>(ids => ids.Count == 3 && ids.ToHashSet().SetEquals(new[] { MatrixImdb, eidr, MatrixTmdb })), Arg.Any<CancellationToken>());
        var save = Assert.Single(_h.Saves);
        Assert.Empty(save.Entities);
        Assert.Equal([new MappingWrite(eidr, Matrix, 0.93, ResolutionMethod.Exact)], save.Mappings);
    }

    [Fact]
    public async Task Handle_CachedIdPlusUnknownId_IsExactNotCache_InOneStoreLookup()
    {
        _h.Cached[MatrixImdb] = new CachedMapping(Matrix, 1.0);

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto, MatrixTmdbDto), Ct);

        Assert.Equal((Matrix, "exact"), (result.EntityId, result.Method));
        await _h.Store.Received(1).FindMappingsAsync(Tenant,
            Arg.Is<IReadOnlyCollection<ExternalId>>(ids => ids.SequenceEqual(new[] { MatrixImdb, MatrixTmdb })), Arg.Any<CancellationToken>());
        Assert.Equal([new MappingWrite(MatrixTmdb, Matrix, 1.0, ResolutionMethod.Exact)], Assert.Single(_h.Saves).Mappings);
    }

    [Fact]
    public async Task Handle_IdsOfTwoEntities_ThrowsConflictNamingBoth_AndStoresNothing()
    {
        _h.Cached[MatrixImdb] = new CachedMapping(Matrix, 1.0);
        _h.Stored[MatrixTmdb] = new KnownMapping(MatrixTmdb, Heat, 1.0);
        var unknown = ImdbDto("tt9999999");

        var error = await Assert.ThrowsAsync<ConflictException>(async () =>
            await Handler().Handle(MatrixCommand(MatrixImdbDto, MatrixTmdbDto, unknown), Ct));

        Assert.Equal("These external ids already point at different entities; they are not merged automatically.", error.Message);
        var entityIds = Assert.IsAssignableFrom<IEnumerable<Guid>>(error.Details["entityIds"]);
        Assert.Equal([Matrix, Heat], entityIds.Order());
        await _h.Store.DidNotReceive().SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_KnownIdWins_OverAStrongerFuzzyCandidate()
    {
        _h.Stored[MatrixImdb] = new KnownMapping(MatrixImdb, Matrix, 0.9);
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 1999, 1.0, null));

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto), Ct);

        Assert.Equal((Matrix, "exact"), (result.EntityId, result.Method));
        await _h.Store.DidNotReceive().FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_NoKnownId_StrongCandidate_LinksFuzzy_WithoutCreatingAnEntity()
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 1999, 1.0, null));

        var result = await Handler().Handle(MatrixCommand(MatrixTmdbDto), Ct);

        Assert.Equal((Matrix, "fuzzy", 1.0), (result.EntityId, result.Method, result.Confidence));
        Assert.False(result.Created);
        var save = Assert.Single(_h.Saves);
        Assert.Empty(save.Entities);
        Assert.Equal([new MappingWrite(MatrixTmdb, Matrix, 1.0, ResolutionMethod.Fuzzy)], save.Mappings);
    }

    [Fact]
    public async Task Handle_NoKnownId_QueriesCandidatesWithTheNormalisedTitle()
    {
        await Handler().Handle(Command(Request("The Matrix (1999)", 1999, "movie", MatrixTmdbDto)), Ct);

        await _h.Store.Received(1).FindCandidatesAsync(Tenant,
            Arg.Is<IReadOnlyList<MatchQuery>>(q => q.Count == 1 && q[0].Index == 0 && q[0].Kind == EntityKind.Movie
                && q[0].NormalizedTitle == "matrix" && q[0].Year == 1999 && q[0].Embedding == null),
            new EntityResolutionOptions().CandidatesPerQuery, 0.85, Arg.Any<CancellationToken>());   // title only: the threshold itself
    }

    [Fact]
    public async Task Handle_BestOfSeveralCandidatesWins()
    {
        _h.Candidates.Add(new MatchCandidate(0, Heat, EntityKind.Movie, 1998, 0.95, null));
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 1999, 0.95, null));

        var result = await Handler().Handle(MatrixCommand(MatrixTmdbDto), Ct);

        Assert.Equal((Matrix, 0.95), (result.EntityId, result.Confidence));
    }

    [Fact]
    public async Task Handle_CandidateCloserByEmbedding_LinksWithMethodEmbedding()
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, 1999, 0.8, 0.96));

        var result = await Handler().Handle(Command(new ResolutionRequestDto([MatrixTmdbDto], "Matrix", 1999, "movie", Embedding())), Ct);

        Assert.Equal((Matrix, "embedding", 0.88), (result.EntityId, result.Method, result.Confidence));
        Assert.Equal(ResolutionMethod.Embedding, Assert.Single(Assert.Single(_h.Saves).Mappings).Method);
    }

    [Theory]
    [InlineData(EntityKind.Movie, 1997, 1.0)]    // two years apart: a remake, not the same title
    [InlineData(EntityKind.Movie, 2001, 1.0)]
    [InlineData(EntityKind.Series, 1999, 1.0)]   // matching never links across kinds
    [InlineData(EntityKind.Movie, 1999, 0.8499)] // just under the 0.85 threshold
    [InlineData(EntityKind.Movie, 2000, 0.87)]   // adjacent year: 0.87 * 0.97 = 0.8439
    public async Task Handle_NoKnownId_WeakCandidate_CreatesANewEntity(EntityKind kind, int year, double titleSimilarity)
    {
        _h.Candidates.Add(new MatchCandidate(0, Heat, kind, year, titleSimilarity, null));

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto, MatrixTmdbDto), Ct);

        var save = Assert.Single(_h.Saves);
        var entity = Assert.Single(save.Entities);
        Assert.Equal(("The Matrix", EntityKind.Movie, (int?)1999, (float[]?)null), (entity.Title, entity.Kind, entity.Year, entity.Embedding));
        Assert.NotEqual(Heat, entity.Id);
        Assert.Equal((entity.Id, "created", 1.0), (result.EntityId, result.Method, result.Confidence));
        Assert.True(result.Created);
        Assert.Equal(
            [new MappingWrite(MatrixImdb, entity.Id, 1.0, ResolutionMethod.Created), new MappingWrite(MatrixTmdb, entity.Id, 1.0, ResolutionMethod.Created)],
            save.Mappings);
    }

    [Theory]
    [InlineData(1999, 0.85, true)]      // exactly the threshold links
    [InlineData(2000, 0.88, true)]      // 0.88 * 0.97 = 0.8536
    [InlineData(null, 0.95, true)]      // unknown year: 0.95 * 0.9 = 0.855
    [InlineData(null, 0.94, false)]     // 0.94 * 0.9 = 0.846
    public async Task Handle_Threshold_IsInclusive_AndYearFactorsApply(int? candidateYear, double titleSimilarity, bool links)
    {
        _h.Candidates.Add(new MatchCandidate(0, Matrix, EntityKind.Movie, candidateYear, titleSimilarity, null));

        var result = await Handler().Handle(MatrixCommand(MatrixTmdbDto), Ct);

        Assert.Equal(links, result.EntityId == Matrix);
        Assert.Equal(links ? "fuzzy" : "created", result.Method);
    }

    [Fact]
    public async Task Handle_CreatesWithTrimmedTitle_YearlessAndEmbedding()
    {
        var embedding = Embedding(0.5f);

        await Handler().Handle(Command(new ResolutionRequestDto([MatrixTmdbDto], "  The Matrix  ", null, "movie", embedding)), Ct);

        var entity = Assert.Single(Assert.Single(_h.Saves).Entities);
        Assert.Equal(("The Matrix", (int?)null), (entity.Title, entity.Year));
        Assert.Same(embedding, entity.Embedding);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("The Matrix", null)]
    [InlineData(null, "movie")]
    public async Task Handle_NoKnownId_AndNoTitleOrKind_ThrowsValidationOnTitle_AndStoresNothing(string? title, string? kind)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await Handler().Handle(Command(Request(title, 1999, kind, MatrixTmdbDto)), Ct));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(("title", "No external id is known yet: 'title' and 'kind' are needed to create the entity."), (failure.PropertyName, failure.ErrorMessage));
        await _h.Store.DidNotReceive().SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_NoTitleOrKind_ButAKnownId_Resolves()
    {
        _h.Stored[MatrixImdb] = new KnownMapping(MatrixImdb, Matrix, 1.0);

        var result = await Handler().Handle(Command(Request(null, null, null, MatrixImdbDto, MatrixTmdbDto)), Ct);

        Assert.Equal((Matrix, "exact"), (result.EntityId, result.Method));
    }

    [Fact]
    public async Task Handle_ConcurrentResolutionWonOnce_ReReads_AndReturnsTheWinner()
    {
        var winner = new KnownMapping(MatrixTmdb, Heat, 1.0);
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call, winner), _h.Commit);

        var result = await Handler().Handle(MatrixCommand(MatrixTmdbDto), Ct);

        Assert.Equal((Heat, "exact", 1.0), (result.EntityId, result.Method, result.Confidence));
        await _h.Store.Received(2).FindMappingsAsync(Tenant, Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>());
        Assert.Single(_h.Saves);   // the re-read finds every id known: nothing left to save
    }

    [Fact]
    public async Task Handle_ConcurrentResolutionWonPartly_AttachesTheRestToTheWinner()
    {
        var winner = new KnownMapping(MatrixTmdb, Heat, 0.9);
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call, winner), _h.Commit);

        var result = await Handler().Handle(MatrixCommand(MatrixImdbDto, MatrixTmdbDto), Ct);

        Assert.Equal((Heat, "exact", 0.9), (result.EntityId, result.Method, result.Confidence));
        Assert.Equal(2, _h.Saves.Count);
        Assert.Single(_h.Saves[0].Entities);
        Assert.Empty(_h.Saves[1].Entities);
        Assert.Equal([new MappingWrite(MatrixImdb, Heat, 0.9, ResolutionMethod.Exact)], _h.Saves[1].Mappings);
    }

    [Fact]
    public async Task Handle_SaveRefusedThreeTimes_ThrowsConflict()
    {
        _h.Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(call => _h.LoseRace(call));

        await Assert.ThrowsAsync<ConflictException>(async () => await Handler().Handle(MatrixCommand(MatrixTmdbDto), Ct));

        Assert.Equal(3, _h.Saves.Count);
        await _h.Store.Received(3).FindMappingsAsync(Tenant, Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ReturnsDistinctCanonicalIds()
    {
        var result = await Handler().Handle(MatrixCommand(
            new ExternalIdDto("IMDB", "https://www.imdb.com/title/tt0133093/?ref_=fn"), MatrixImdbDto, new ExternalIdDto("tmdb", " 603 ", "Movie")), Ct);

        Assert.Equal([MatrixImdbDto, MatrixTmdbDto], result.ExternalIds);
        Assert.Equal([MatrixImdb, MatrixTmdb], Assert.Single(_h.Saves).Mappings.Select(m => m.Id));
    }
}
