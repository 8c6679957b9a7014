using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.TestSupport;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Recommendations.RecommendationHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Recommendations;

/// <summary>Recording interactions: deduplication, the taste profile kept in step under concurrency, and erasure.</summary>
public sealed class InteractionStoreTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private static readonly UserRef Alice = new(Tenant, "alice");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private RecommendationHarness _service = null!;
    private List<Guid> _titles = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _service = await CreateAsync(_database);
        var centroid = Vectors.Centroid(1);
        _titles = await _service.AddTitlesAsync(Tenant, Enumerable.Range(0, 40).Select(i => ($"Title {i}", Vectors.Near(centroid, i, noise: 0.2))));
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RetriedEvent_SameEventIdOrSameInstant_CountsOnce()
    {
        var at = _service.Time.GetUtcNow();
        var first = await _service.RecordAsync(Alice, Event(_titles[0], InteractionType.Play, at, "evt-1"));
        // The same event id again (even with a different time), and the same title, type and instant without an id.
        var retried = await _service.RecordAsync(Alice,
            Event(_titles[0], InteractionType.Play, at.AddSeconds(5), "evt-1"),
            Event(_titles[0], InteractionType.Play, at));

        Assert.Equal((1, 0), (first.Recorded, first.Duplicates));
        Assert.Equal((0, 2), (retried.Recorded, retried.Duplicates));
        Assert.Equal(1, await _service.CountAsync("SELECT count(*) FROM interactions"));
        Assert.Equal(1, await _service.CountAsync("SELECT interaction_count FROM user_profiles WHERE user_id = 'alice'"));
    }

    [Fact]
    public async Task UnknownTitle_StoresNothingFromTheBatch_AndNamesIt()
    {
        var at = _service.Time.GetUtcNow();
        var otherTenants = await _service.AddTitlesAsync("tenant-b", [("Elsewhere", Vectors.Centroid(9))]);

        var outcome = await _service.RecordAsync(Alice,
            Event(_titles[0], InteractionType.Like, at), Event(Guid.NewGuid(), InteractionType.Like, at), Event(otherTenants[0], InteractionType.Like, at));

        Assert.Equal([1, 2], outcome.UnknownEntities);
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM interactions"));
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM user_profiles WHERE interaction_count > 0"));
    }

    [Fact]
    public async Task ConcurrentEventsOfOneUser_LoseNoUpdate()
    {
        var start = _service.Time.GetUtcNow().AddDays(-10);
        var events = _titles.Select((title, i) => Event(title, InteractionType.Like, start.AddHours(i), $"evt-{i}")).ToList();

        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (e, _) => await _service.RecordAsync(Alice, e));

        // Updates commute (TasteProfile is order-independent), so the stored mean is the sequential one.
        var expected = TasteProfile.Empty;
        foreach (var e in events)
        {
            expected = expected.Add(await EmbeddingAsync(e.EntityId), e.Weight, e.OccurredAt, HalfLife);
        }

        var taste = await _service.Recommendations.GetTasteAsync(Alice, Model, 5, Ct);
        Assert.Equal(events.Count, taste.InteractionCount);
        Assert.True(VectorMath.Cosine(expected.Mean, taste.Vector) > 0.9999, "the stored taste is the mean of every event");
        Assert.Equal(events.Count, await _service.CountAsync("SELECT count(*) FROM interactions"));
    }

    [Fact]
    public async Task TasteFollowsTheTitlesLiked()
    {
        var at = _service.Time.GetUtcNow();
        var far = await _service.AddTitlesAsync(Tenant, [("Far away", Vectors.Centroid(2))]);

        await _service.RecordAsync(Alice, Event(far[0], InteractionType.Like, at));
        var taste = await _service.Recommendations.GetTasteAsync(Alice, Model, 5, Ct);

        Assert.True(VectorMath.Cosine(taste.Vector, Vectors.Centroid(2)) > 0.999);
        Assert.Equal("Far away", Assert.Single(taste.Recent).Title);
    }

    [Fact]
    public async Task EverythingInteractedWith_IsExcluded_AndCompletionsFromSyncProgress()
    {
        var at = _service.Time.GetUtcNow();
        await _service.RecordAsync(Alice, Event(_titles[0], InteractionType.Dislike, at), Event(_titles[1], InteractionType.Complete, at),
            Event(_titles[2], InteractionType.Play, at));
        await using (var progress = _service.Database.CreateCommand("""
            INSERT INTO user_progress (tenant_id, user_id, content_id, position_seconds, duration_seconds, state, hlc_physical, hlc_logical,
                                       device_id, completed, change_seq)
            VALUES ($1, 'alice', $2, 5400, 5400, 'stopped', 1, 0, 'tv', true, 1), ($1, 'alice', 'not-an-entity-id', 10, 100, 'paused', 1, 0, 'tv', true, 2)
            """))
        {
            progress.Parameters.AddWithValue(Tenant);
            progress.Parameters.AddWithValue(_titles[3].ToString());
            await progress.ExecuteNonQueryAsync(Ct);
        }

        var taste = await _service.Recommendations.GetTasteAsync(Alice, Model, 5, Ct);

        Assert.Equal(new HashSet<Guid> { _titles[0], _titles[1], _titles[2], _titles[3] }, taste.Excluded);
    }

    [Fact]
    public async Task TheIndexedTaste_IsRewrittenInTheBackground_OnlyWhenTheTasteDriftsFromIt()
    {
        var at = _service.Time.GetUtcNow();
        var far = await _service.AddTitlesAsync(Tenant, [("Far away", Vectors.Centroid(2))]);
        await _service.RecordAsync(Alice, Event(_titles[0], InteractionType.Like, at));
        var recorded = await VectorsAsync();
        Assert.Equal(1, await _service.PreferenceIndex.RunOnceAsync(Ct));
        var first = await VectorsAsync();
        // A title like the first: the taste moves a little, the indexed copy stays.
        await _service.RecordAsync(Alice, Event(_titles[1], InteractionType.View, at.AddMinutes(1)));
        Assert.Equal(0, await _service.PreferenceIndex.RunOnceAsync(Ct));
        var nudged = await VectorsAsync();
        // A title far from it, weighted heavily: the copy follows, at the job's next pass.
        await _service.RecordAsync(Alice, Event(far[0], InteractionType.Like, at.AddMinutes(2)), Event(far[0], InteractionType.Complete, at.AddMinutes(3)));
        var marked = await VectorsAsync();
        Assert.Equal(1, await _service.PreferenceIndex.RunOnceAsync(Ct));
        var moved = await VectorsAsync();

        // Recording never writes the copy (no HNSW insertion in the interaction's transaction): the job does.
        Assert.Null(recorded.Indexed);
        Assert.Equal(first.Taste, first.Indexed);
        Assert.NotEqual(first.Taste, nudged.Taste);
        Assert.Equal(first.Indexed, nudged.Indexed);
        Assert.True(1 - VectorMath.Cosine(nudged.Taste, nudged.Indexed!) <= 0.02, "the copy is close to the taste");
        Assert.Equal(nudged.Indexed, marked.Indexed);
        Assert.Equal(moved.Taste, moved.Indexed);
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM user_profiles WHERE preference_stale"));
    }

    [Fact]
    public async Task Erasure_LeavesNoRowsOfTheUser_AndOnlyThem()
    {
        var at = _service.Time.GetUtcNow();
        var bob = new UserRef(Tenant, "bob");
        await _service.RecordAsync(Alice, Event(_titles[0], InteractionType.Like, at), Event(_titles[1], InteractionType.Play, at));
        await _service.RecordAsync(bob, Event(_titles[0], InteractionType.Like, at));

        var erased = await _service.Interactions.EraseAsync(Alice, Ct);

        Assert.Equal(2, erased);
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM interactions WHERE user_id = 'alice'"));
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM user_profiles WHERE user_id = 'alice'"));
        Assert.Equal(1, await _service.CountAsync("SELECT count(*) FROM interactions WHERE user_id = 'bob'"));
        var taste = await _service.Recommendations.GetTasteAsync(Alice, Model, 5, Ct);
        Assert.Equal((null, 0), (taste.Vector, taste.InteractionCount));
    }

    private async Task<(float[] Taste, float[]? Indexed)> VectorsAsync()
    {
        await using var command = _service.Database.CreateCommand("SELECT taste_mean, preference_vector FROM user_profiles WHERE user_id = 'alice'");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetFieldValue<Pgvector.Vector>(0).ToArray(), reader.IsDBNull(1) ? null : reader.GetFieldValue<Pgvector.Vector>(1).ToArray());
    }

    private async Task<float[]> EmbeddingAsync(Guid entity) =>
        (await _service.Recommendations.GetTitleAsync(Tenant, Model, entity, Ct))!.Embedding!;
}
