using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.TestSupport;
using Npgsql;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.EntityResolution.EntityHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>The spec's list (exact EIDR and IMDb matches with persistence, upsert) plus fuzzy matching, conflicts and tenants.</summary>
public sealed class EntityResolutionTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private const string ShawshankEidr = "10.5240/7791-8534-2C23-9030-8610-5";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _redisPrefix = RedisTestPrefix.New();
    private TestDatabase _database = null!;
    private EntityHarness _service = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _service = await CreateAsync(_database, _redisPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task EidrExactMatch_IsPersistedAndFoundAgain()
    {
        var created = await _service.ResolveAsync(Tenant, Movie("The Shawshank Redemption", 1994, Eidr(ShawshankEidr.ToLowerInvariant())), Ct);

        var row = await MappingRowAsync(Tenant, "eidr", ShawshankEidr);
        var again = await _service.ResolveAsync(Tenant, Movie("anything", 1994, Eidr("doi:" + ShawshankEidr)), Ct);

        Assert.Equal(ResolutionStatus.Created, created.Status);
        Assert.Equal((created.EntityId, 1.0, "created"), row);
        Assert.Equal(ResolutionStatus.Resolved, again.Status);
        Assert.Equal(created.EntityId, again.EntityId);
        Assert.Equal(ResolutionMethod.Cache, again.Method);
    }

    [Fact]
    public async Task ImdbMatch_IsPersisted_AndAnOldAliasStillFindsTheEntity()
    {
        var created = await _service.ResolveAsync(Tenant, Movie("Alias Film", 2001, Imdb("tt0000001")), Ct);
        // IMDb merged the title into a new id: a feed sends both, and both must land on the one entity.
        var merged = await _service.ResolveAsync(Tenant, Movie("Alias Film", 2001, Imdb("tt0000001"), Imdb("https://www.imdb.com/title/tt9000001/")), Ct);

        var byOld = await _service.Store.FindMappingsAsync(Tenant, [Imdb("tt0000001")], Ct);
        var byNew = await _service.Store.FindMappingsAsync(Tenant, [Imdb("tt9000001")], Ct);
        var entity = await _service.Store.GetAsync(Tenant, created.EntityId, Ct);

        Assert.Equal(created.EntityId, merged.EntityId);
        Assert.Equal(created.EntityId, byOld.Single().Value.EntityId);
        Assert.Equal(created.EntityId, byNew.Single().Value.EntityId);
        Assert.Equal(["tt0000001", "tt9000001"], entity!.Mappings.Select(m => m.ExternalId.Value).Order());
        Assert.Equal((created.EntityId, 1.0, "exact"), await MappingRowAsync(Tenant, "imdb", "tt9000001"));
    }

    [Fact]
    public async Task Upsert_NeverLowersConfidence_AndRaisesIt()
    {
        var entity = (await _service.ResolveAsync(Tenant, Movie("Upsert Film", 2010, Imdb("tt0000002")), Ct)).EntityId;
        var id = Tmdb(2, "movie");

        await Save(new MappingWrite(id, entity, 0.9, ResolutionMethod.Fuzzy));
        await Save(new MappingWrite(id, entity, 0.5, ResolutionMethod.Fuzzy));
        var afterLower = await MappingRowAsync(Tenant, "tmdb", "movie/2");
        await Save(new MappingWrite(id, entity, 0.95, ResolutionMethod.Embedding));
        var afterHigher = await MappingRowAsync(Tenant, "tmdb", "movie/2");

        Assert.Equal((entity, 0.9, "fuzzy"), afterLower);
        Assert.Equal((entity, 0.95, "embedding"), afterHigher);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM entity_mappings WHERE external_id = 'movie/2'"));

        async Task Save(MappingWrite write) => Assert.True((await _service.Store.SaveAsync(Tenant, [], [write], Ct)).Committed);
    }

    [Fact]
    public async Task Save_IdPointingAtAnotherEntity_CommitsNothing()
    {
        var first = (await _service.ResolveAsync(Tenant, Movie("Owner", 2011, Imdb("tt0000003")), Ct)).EntityId;
        var intruder = new Entity(Guid.CreateVersion7(), EntityKind.Movie, "Intruder", 2011, null);

        var result = await _service.Store.SaveAsync(Tenant, [intruder], [new MappingWrite(Imdb("tt0000003"), intruder.Id, 1, ResolutionMethod.Created)], Ct);

        Assert.False(result.Committed);
        Assert.Null(await _service.Store.GetAsync(Tenant, intruder.Id, Ct));
        Assert.Equal(first, (await _service.Store.FindMappingsAsync(Tenant, [Imdb("tt0000003")], Ct)).Single().Value.EntityId);
    }

    [Fact]
    public async Task Fuzzy_LinksLibraryStyleTitleToTheSameFilm()
    {
        var original = await _service.ResolveAsync(Tenant, Movie("The Shawshank Redemption", 1994, Imdb("tt0111161")), Ct);

        var linked = await _service.ResolveAsync(Tenant, Movie("Shawshank Redemption, The (1994)", 1994, Tmdb(278, "movie")), Ct);

        Assert.Equal(ResolutionStatus.Resolved, linked.Status);
        Assert.Equal(original.EntityId, linked.EntityId);
        Assert.Equal(ResolutionMethod.Fuzzy, linked.Method);
        Assert.True(linked.Confidence >= 0.85);
        Assert.Equal((original.EntityId, linked.Confidence, "fuzzy"), await MappingRowAsync(Tenant, "tmdb", "movie/278"));
    }

    [Fact]
    public async Task Fuzzy_NeverLinksAcrossKindsOrDistantYears()
    {
        var film = await _service.ResolveAsync(Tenant, Movie("RoboCop", 1987, Imdb("tt0093870")), Ct);

        var remake = await _service.ResolveAsync(Tenant, Movie("RoboCop", 2014, Imdb("tt1234722")), Ct);
        var series = await _service.ResolveAsync(Tenant, new ResolutionInput([Tmdb(1987, "tv")], EntityKind.Series, "RoboCop", 1987, null), Ct);
        var nextYear = await _service.ResolveAsync(Tenant, Movie("Robocop", 1988, Tmdb(5548, "movie")), Ct);

        Assert.Equal(ResolutionStatus.Created, remake.Status);
        Assert.NotEqual(film.EntityId, remake.EntityId);
        Assert.Equal(ResolutionStatus.Created, series.Status);
        Assert.NotEqual(film.EntityId, series.EntityId);
        Assert.Equal(film.EntityId, nextYear.EntityId);   // one year apart is within the window
        Assert.Equal(ResolutionMethod.Fuzzy, nextYear.Method);
    }

    [Fact]
    public async Task TitleWithoutAYear_MatchingTwoFilmsAboutEqually_LinksNeither_CreatesOne_AndListsBoth()
    {
        var early = await _service.ResolveAsync(Tenant, Movie("Notorious", 1946, Imdb("tt0038787")), Ct);
        var late = await _service.ResolveAsync(Tenant, Movie("Notorious", 2009, Imdb("tt0472198")), Ct);
        var ambiguous = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == _service.ResolutionMetrics.Ambiguous)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref ambiguous, value));
        listener.Start();

        var guess = await _service.ResolveAsync(Tenant, Movie("Notorious", null, Tmdb(303, "movie")), Ct);
        var dated = await _service.ResolveAsync(Tenant, Movie("Notorious (2009)", 2009, Tmdb(7445, "movie")), Ct);

        Assert.Equal(ResolutionStatus.Created, guess.Status);
        Assert.NotEqual(early.EntityId, guess.EntityId);
        Assert.NotEqual(late.EntityId, guess.EntityId);
        Assert.Equal((guess.EntityId, 1.0, "created"), await MappingRowAsync(Tenant, "tmdb", "movie/303"));
        Assert.Equal(
            [(early.EntityId, "Notorious", (int?)1946, 0.9), (late.EntityId, "Notorious", 2009, 0.9)],
            guess.CloseCandidates!.Select(c => (c.EntityId, c.Title, c.Year, c.Score)).OrderBy(c => c.Year));
        Assert.Equal(1, Interlocked.Read(ref ambiguous));
        // With its year the same title is not ambiguous: it links.
        Assert.Equal((ResolutionStatus.Resolved, late.EntityId), (dated.Status, dated.EntityId));
        Assert.Null(dated.CloseCandidates);
    }

    [Fact]
    public async Task TitleWithoutAYear_OneFilmClearlyBest_Links()
    {
        var film = await _service.ResolveAsync(Tenant, Movie("Heat", 1995, Imdb("tt0113277")), Ct);
        await _service.ResolveAsync(Tenant, Movie("Heat Wave", 1995, Imdb("tt0099999")), Ct);

        var linked = await _service.ResolveAsync(Tenant, Movie("Heat", null, Tmdb(949, "movie")), Ct);

        Assert.Equal((ResolutionStatus.Resolved, film.EntityId), (linked.Status, linked.EntityId));
        Assert.Null(linked.CloseCandidates);
    }

    [Fact]
    public async Task ManyRemakesOfOneTitle_EachYearLinksToItsOwnFilm()
    {
        // Twelve films with one title, more than the candidates kept per query: ranked by title alone they tie,
        // so only the year window in the candidate search keeps the right year among them.
        var years = Enumerable.Range(0, 12).Select(i => 1950 + (5 * i)).ToList();
        var films = new Dictionary<int, Guid>();
        foreach (var year in years)
        {
            var created = await _service.ResolveAsync(Tenant, Movie("RoboCop", year, Imdb($"tt{7_000_000 + year}")), Ct);
            Assert.Equal(ResolutionStatus.Created, created.Status);
            films[year] = created.EntityId;
        }

        foreach (var year in years)
        {
            var linked = await _service.ResolveAsync(Tenant, Movie("RoboCop", year, Tmdb(70_000 + year, "movie")), Ct);

            Assert.Equal((films[year], ResolutionMethod.Fuzzy), (linked.EntityId, linked.Method));
        }
    }

    [Fact]
    public async Task Embedding_LinksWhatTheTitleAloneCannot()
    {
        var vector = Vector(seed: 7);
        var nearlySame = vector.Select((x, i) => i == 0 ? x + 0.01f : x).ToArray();
        var original = await _service.ResolveAsync(Tenant, new ResolutionInput([Imdb("tt0245429")], EntityKind.Movie, "Spirited Away", 2001, vector), Ct);
        await _service.ResolveAsync("tenant-title-only", Movie("Spirited Away", 2001, Imdb("tt0245429")), Ct);

        // A misspelt title scores about 0.73 by trigrams: below the threshold alone, above it with a matching embedding.
        var withEmbedding = await _service.ResolveAsync(Tenant, new ResolutionInput([Tmdb(129, "movie")], EntityKind.Movie, "Spirit Away", 2001, nearlySame), Ct);
        var titleOnly = await _service.ResolveAsync("tenant-title-only", Movie("Spirit Away", 2001, Tmdb(129, "movie")), Ct);
        var stored = await _service.Store.GetAsync(Tenant, original.EntityId, Ct);

        Assert.Equal(original.EntityId, withEmbedding.EntityId);
        Assert.Equal(ResolutionMethod.Embedding, withEmbedding.Method);
        Assert.InRange(withEmbedding.Confidence, 0.85, 0.9);
        Assert.Equal(ResolutionStatus.Created, titleOnly.Status);
        Assert.Equal(vector, stored!.Entity.Embedding);
    }

    [Fact]
    public async Task ExplicitIdBeatsAFuzzyMatch()
    {
        var heat = await _service.ResolveAsync(Tenant, Movie("Heat", 1995, Imdb("tt0113277")), Ct);
        var other = await _service.ResolveAsync(Tenant, Movie("Heat Wave", 1995, Imdb("tt0000020")), Ct);

        // Titled like the first, but an id names the second: the id decides.
        var resolved = await _service.ResolveAsync(Tenant, Movie("Heat", 1995, Imdb("tt0000020"), Tmdb(949, "movie")), Ct);

        Assert.NotEqual(heat.EntityId, other.EntityId);
        Assert.Equal(other.EntityId, resolved.EntityId);
        Assert.Equal(ResolutionMethod.Cache, (await _service.ResolveAsync(Tenant, Movie("x", 1995, Tmdb(949, "movie")), Ct)).Method);
    }

    [Fact]
    public async Task IdsPointingAtTwoEntities_AreAConflict_AndNothingIsStored()
    {
        var a = await _service.ResolveAsync(Tenant, Movie("Conflict A", 1999, Imdb("tt0000030")), Ct);
        var b = await _service.ResolveAsync(Tenant, Movie("Conflict B", 1999, Imdb("tt0000031")), Ct);

        var conflict = await _service.ResolveAsync(Tenant, Movie("Conflict A", 1999, Imdb("tt0000030"), Imdb("tt0000031"), Tmdb(30, "movie")), Ct);

        Assert.Equal(ResolutionStatus.Conflict, conflict.Status);
        Assert.Equal(new[] { a.EntityId, b.EntityId }.Order(), conflict.ConflictingEntityIds.Order());
        Assert.Empty(await _service.Store.FindMappingsAsync(Tenant, [Tmdb(30, "movie")], Ct));
    }

    [Fact]
    public async Task Tenants_NeverSeeEachOthersEntities()
    {
        var mine = await _service.ResolveAsync("tenant-x", Movie("Tenant Film", 2005, Imdb("tt0000040")), Ct);

        var theirs = await _service.ResolveAsync("tenant-y", Movie("Tenant Film", 2005, Imdb("tt0000040")), Ct);

        Assert.Equal(ResolutionStatus.Created, theirs.Status);
        Assert.NotEqual(mine.EntityId, theirs.EntityId);
        Assert.Null(await _service.Store.GetAsync("tenant-y", mine.EntityId, Ct));
        Assert.Equal(mine.EntityId, (await _service.Cache.GetAsync("tenant-x", Imdb("tt0000040"), Ct))!.EntityId);
        Assert.Equal(theirs.EntityId, (await _service.Cache.GetAsync("tenant-y", Imdb("tt0000040"), Ct))!.EntityId);
    }

    [Fact]
    public async Task Batch_ResolvesInRequestOrder_SharedNewIdsLandOnOneEntity()
    {
        var existing = await _service.ResolveAsync(Tenant, Movie("Batch Known", 2015, Imdb("tt0000050")), Ct);
        var inputs = Enumerable.Range(0, 300).Select(i => Movie($"Batch Title {i}", 2015, Tmdb(100_000 + i, "movie"))).ToList();
        inputs.Add(Movie("Batch Known", 2015, Imdb("tt0000050"), Tmdb(99, "tv")));
        inputs.Add(Movie("Shared", 2016, Tmdb(7, "movie")));
        inputs.Add(Movie("Shared again", 2016, Tmdb(7, "movie"), Imdb("tt0000051")));

        var outcomes = await _service.Resolver.ResolveAsync(Tenant, inputs, Ct);

        Assert.Equal(303, outcomes.Count);
        Assert.All(outcomes.Take(300), o => Assert.Equal(ResolutionStatus.Created, o.Status));
        Assert.Equal(300, outcomes.Take(300).Select(o => o.EntityId).Distinct().Count());
        Assert.Equal(Tmdb(100_123, "movie"), outcomes[123].Ids.Single());
        Assert.Equal(existing.EntityId, outcomes[300].EntityId);
        Assert.Equal(outcomes[301].EntityId, outcomes[302].EntityId);
        Assert.Equal(302L, await ScalarAsync<long>("SELECT count(*) FROM entities WHERE tenant_id = 'tenant-a' AND title LIKE 'Batch%' OR title LIKE 'Shared%'"));
    }

    [Fact]
    public async Task LargeBatch_SearchedOverSeveralConnections_LinksEachTitleToItsOwnEntity()
    {
        // 450 titles: more than one connection's share of candidate searches, so the search is split.
        var random = new Random(42);
        var titles = Enumerable.Range(0, 450).Select(_ => string.Join(' ', Enumerable.Range(0, 3).Select(_ =>
            new string(Enumerable.Range(0, random.Next(5, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray())))).ToList();
        var created = await _service.Resolver.ResolveAsync(Tenant, titles.Select((t, i) => Movie(t, 2010, Tmdb(200_000 + i, "movie"))).ToList(), Ct);

        // The same titles in library form, under ids nobody has seen.
        var linked = await _service.Resolver.ResolveAsync(Tenant, titles.Select((t, i) => Movie($"{t}, The", 2010, Tmdb(300_000 + i, "movie"))).ToList(), Ct);

        Assert.All(created, o => Assert.Equal(ResolutionStatus.Created, o.Status));
        Assert.All(linked, o => Assert.Equal((ResolutionStatus.Resolved, ResolutionMethod.Fuzzy), (o.Status, o.Method)));
        Assert.Equal(created.Select(o => o.EntityId), linked.Select(o => o.EntityId));
    }

    [Fact]
    public async Task ConcurrentResolutionsOfOneNewId_CreateOneEntity()
    {
        await using var second = await CreateAsync(_database, _redisPrefix);
        var input = Movie("Race Film", 2020, Imdb("tt0000060"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? _service : second).ResolveAsync(Tenant, input, Ct)));

        Assert.Single(outcomes.Select(o => o.EntityId).Distinct());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM entities WHERE title = 'Race Film'"));
    }

    [Fact]
    public async Task UnknownIdsWithoutTitle_AreReported_AndNothingIsStored()
    {
        var outcome = await _service.ResolveAsync(Tenant, new ResolutionInput([Imdb("tt0000070")], null, null, null, null), Ct);

        Assert.Equal(ResolutionStatus.NeedsTitleAndKind, outcome.Status);
        Assert.Empty(await _service.Store.FindMappingsAsync(Tenant, [Imdb("tt0000070")], Ct));
    }

    [Fact]
    public async Task NewEntities_AreStored_ByARoleThatOnlyWritesRows()
    {
        // Deployments often migrate as the schema's owner and run the service as a role with row privileges only;
        // storing new entities must not need the owner (emptying the title index's pending list does, by itself).
        var role = $"rows_only_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'rows-only'");
        try
        {
            await ExecuteAsync($"GRANT SELECT, INSERT, UPDATE ON entities, entity_mappings TO {role}");
            var asRole = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = role, Password = "rows-only" }.ConnectionString;
            ResolutionOutcome created;
            await using (var service = await CreateAsync(_database, _redisPrefix, settings: new() { ["ConnectionStrings:Postgres"] = asRole }))
            {
                created = await service.ResolveAsync(Tenant, Movie("Rows Only", 2020, Imdb("tt0000090")), Ct);
            }

            Assert.Equal(ResolutionStatus.Created, created.Status);
            Assert.Equal((created.EntityId, 1.0, "created"), await MappingRowAsync(Tenant, "imdb", "tt0000090"));
        }
        finally
        {
            await ExecuteAsync($"DROP OWNED BY {role}");
            await ExecuteAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task NoEntityIndex_IsLedByTenant()
    {
        // The planner estimates a tenant its statistics have not seen at one row; given an index led by tenant_id
        // it then walked a new tenant's whole catalog once per id or title of a batch (seconds for 1,000).
        var tenantLed = await ScalarAsync<string>("""
            SELECT coalesce(string_agg(i.relname::text, ', '), '')
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
            WHERE x.indrelid IN ('entities'::regclass, 'entity_mappings'::regclass) AND a.attname = 'tenant_id'
            """);

        Assert.Equal("", tenantLed);
    }

    private async Task<(Guid EntityId, double Confidence, string Method)> MappingRowAsync(string tenant, string type, string value)
    {
        await using var command = _service.Database.CreateCommand(
            "SELECT entity_id, confidence, method FROM entity_mappings WHERE tenant_id = $1 AND id_type = $2 AND external_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"no mapping row for {type}:{value}");
        return (reader.GetGuid(0), reader.GetDouble(1), reader.GetString(2));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _service.Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _service.Database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Entity.EmbeddingDimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }
}
