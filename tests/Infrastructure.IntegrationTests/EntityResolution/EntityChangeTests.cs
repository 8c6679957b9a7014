using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.EntityResolution.EntityHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>Merges and splits in Postgres: the rules hold under concurrency, no mapping is left on a redirect, caches follow.</summary>
public sealed class EntityChangeTests : IAsyncLifetime
{
    private const string Tenant = "tenant-changes";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _redisPrefix = RedisTestPrefix.New();
    private TestDatabase _database = null!;
    private EntityHarness _service = null!;

    private IEntityChangeStore Changes => _service.Changes;

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
    public async Task MergesOfOnePairInOppositeDirectionsAtOnce_OneMerges_TheOtherIsRefused()
    {
        for (var pair = 0; pair < 10; pair++)
        {
            var a = (await _service.ResolveAsync(Tenant, Movie($"Race A {pair}", 2001, Imdb($"tt21{pair:D5}")), Ct)).EntityId;
            var b = (await _service.ResolveAsync(Tenant, Movie($"Race B {pair}", 2001, Imdb($"tt22{pair:D5}")), Ct)).EntityId;

            var outcomes = await Task.WhenAll(
                Changes.MergeAsync(Tenant, a, b, "ops", Ct), Changes.MergeAsync(Tenant, b, a, "ops", Ct));

            // Whichever locked first merged; the other saw a redirect, under the same locks, and moved nothing.
            Assert.Single(outcomes, o => o.Decision == MergeDecision.Merge);
            Assert.Single(outcomes, o => o.Decision is MergeDecision.IntoRedirect or MergeDecision.SourceMergedElsewhere);
            var mappings = await _service.Store.FindMappingsAsync(Tenant, [Imdb($"tt21{pair:D5}"), Imdb($"tt22{pair:D5}")], Ct);
            Assert.Single(mappings.Values.Select(m => m.EntityId).Distinct());
            Assert.Single((await Changes.ListChangesAsync(Tenant, a, 10, Ct))!);
        }
    }

    [Fact]
    public async Task AMappingWrittenToAMergedEntity_LandsOnTheSurvivor()
    {
        var merged = (await _service.ResolveAsync(Tenant, Movie("Stale Merged", 2002, Imdb("tt2300001")), Ct)).EntityId;
        var survivor = (await _service.ResolveAsync(Tenant, Movie("Stale Survivor", 2002, Imdb("tt2300002")), Ct)).EntityId;
        await Changes.MergeAsync(Tenant, merged, survivor, "ops", Ct);

        // A writer that still believes in the merged entity (a cache copy from before the merge, or a fuzzy match on
        // its title) adds an id to it.
        var saved = await _service.Store.SaveAsync(Tenant, [], [new MappingWrite(Imdb("tt2300003"), merged, 1.0, ResolutionMethod.Exact)], Ct);
        var entity = await _service.Store.GetAsync(Tenant, merged, Ct);

        Assert.True(saved.Committed);
        Assert.Equal(survivor, Assert.Single(saved.Stored).EntityId);
        Assert.Equal(survivor, (await _service.Store.FindMappingsAsync(Tenant, [Imdb("tt2300003")], Ct)).Single().Value.EntityId);
        Assert.Equal(survivor, entity!.MergedInto);
        Assert.Empty(entity.Mappings);
    }

    [Fact]
    public async Task AMoveWhoseInvalidationWasLost_ReachesAnotherInstancesL1AndL2ByItsRefresher()
    {
        // The writer talks to another Redis prefix, as if Redis had been down: no L2 write and no bus message
        // reach the reader, only Postgres. The reader's refresher runs every second.
        await using var reader = await CreateAsync(_database, _redisPrefix, settings: new() { ["EntityResolution:Cache:RefreshIntervalSeconds"] = "1" });
        await using var writer = await CreateAsync(_database, RedisTestPrefix.New());
        var merged = (await writer.ResolveAsync(Tenant, Movie("Lost Merged", 2003, Imdb("tt2400001")), Ct)).EntityId;
        var survivor = (await writer.ResolveAsync(Tenant, Movie("Lost Survivor", 2003, Imdb("tt2400002")), Ct)).EntityId;
        var split = (await writer.ResolveAsync(Tenant, Movie("Lost Split", 2003, Imdb("tt2400003"), Imdb("tt2400004")), Ct)).EntityId;
        // Those mappings were written an hour ago, and the refresher's mark starts at a newer one: only a move that
        // bumps updated_at brings them back into its window.
        await using (var backdate = writer.Database.CreateCommand("UPDATE entity_mappings SET updated_at = updated_at - interval '1 hour'"))
        {
            await backdate.ExecuteNonQueryAsync(Ct);
        }

        await writer.ResolveAsync(Tenant, Movie("Lost Newest", 2003, Imdb("tt2400009")), Ct);
        await reader.Maintenance.StartAsync(Ct);
        Assert.Equal(merged, (await reader.Store.FindMappingsAsync(Tenant, [Imdb("tt2400001")], Ct)).Single().Value.EntityId);
        Assert.Equal(split, (await reader.Store.FindMappingsAsync(Tenant, [Imdb("tt2400004")], Ct)).Single().Value.EntityId);

        await writer.Changes.MergeAsync(Tenant, merged, survivor, "ops", Ct);
        var splitOff = Guid.CreateVersion7();
        await writer.Changes.SplitAsync(Tenant, split, splitOff, [Imdb("tt2400004")], "ops", Ct);
        var followed = await Eventually.TrueAsync(async () =>
            (await reader.Cache.GetAsync(Tenant, Imdb("tt2400001"), Ct))?.EntityId == survivor
            && (await reader.Cache.GetAsync(Tenant, Imdb("tt2400004"), Ct))?.EntityId == splitOff,
            TimeSpan.FromSeconds(5), Ct);
        // L2 too: the reader's Redis entries were written before the move and outlive its L1 entries. A new
        // instance on the reader's Redis has an empty L1, so it reads what L2 holds.
        await using var fresh = await CreateAsync(_database, _redisPrefix);
        var repaired = await Eventually.TrueAsync(async () =>
            (await fresh.Cache.GetAsync(Tenant, Imdb("tt2400001"), Ct))?.EntityId == survivor
            && (await fresh.Cache.GetAsync(Tenant, Imdb("tt2400004"), Ct))?.EntityId == splitOff,
            TimeSpan.FromSeconds(5), Ct);
        await reader.Maintenance.StopAsync(Ct);

        Assert.True(followed, "the reader's L1 still held the mappings from before the merge and split");
        Assert.True(repaired, "the reader's L2 still held the mappings from before the merge and split");
    }

    [Fact]
    public async Task Split_CopiesTheEntity_AndRecordsWhatMoved()
    {
        var embedding = Enumerable.Range(0, Entity.EmbeddingDimensions).Select(i => (float)Math.Sin(i)).ToArray();
        var original = (await _service.ResolveAsync(Tenant, new ResolutionInput(
            [Imdb("tt2500001"), Tmdb(2500002, "movie")], EntityKind.Movie, "Copied Film", 2005, embedding), Ct)).EntityId;
        var newId = Guid.CreateVersion7();

        var outcome = await Changes.SplitAsync(Tenant, original, newId, [Tmdb(2500002, "movie")], "ops", Ct);
        var copy = await _service.Store.GetAsync(Tenant, newId, Ct);
        var history = await Changes.ListChangesAsync(Tenant, original, 10, Ct);

        Assert.Equal(SplitDecision.Split, outcome.Decision);
        Assert.Equal([Tmdb(2500002, "movie")], outcome.Moved.Select(m => m.Id));
        Assert.Equal((EntityKind.Movie, "Copied Film", (int?)2005), (copy!.Entity.Kind, copy.Entity.Title, copy.Entity.Year));
        Assert.Equal(embedding, copy.Entity.Embedding);
        Assert.Null(copy.MergedInto);
        var change = Assert.Single(history!);
        Assert.Equal((EntityChangeKind.Split, original, newId, "ops"), (change.Kind, change.EntityId, change.OtherEntityId, change.Actor));
        Assert.Equal([Tmdb(2500002, "movie")], change.ExternalIds);
        Assert.Null(await Changes.ListChangesAsync("another-tenant", original, 10, Ct));
    }

    [Fact]
    public async Task NoChangeIndex_IsLedByTenant()
    {
        await using var command = _service.Database.CreateCommand("""
            SELECT coalesce(string_agg(i.relname::text, ', '), '')
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
            WHERE x.indrelid = 'entity_changes'::regclass AND a.attname = 'tenant_id'
            """);

        Assert.Equal("", (string?)await command.ExecuteScalarAsync(Ct));
    }
}
