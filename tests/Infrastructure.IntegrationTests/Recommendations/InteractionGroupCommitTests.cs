using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.TestSupport;
using Npgsql;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Recommendations.RecommendationHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Recommendations;

/// <summary>
/// Requests of many users written in one batch by the interaction group-commit writer: each keeps its own outcome,
/// as if it had been written alone.
/// </summary>
public sealed class InteractionGroupCommitTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private RecommendationHarness _service = null!;
    private List<Guid> _titles = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _service = await CreateAsync(_database);
        _titles = await _service.AddTitlesAsync(Tenant, Enumerable.Range(0, 30).Select(i => ($"Title {i}", Vectors.Centroid(100 + i))));
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RequestsQueuedTogether_AreWrittenAsOneBatch_EachWithItsOwnOutcome()
    {
        var at = _service.Time.GetUtcNow();
        // Hold the interactions table, so the first request's batch waits in Postgres and every later request is
        // queued behind it: they leave the queue together, as one batch.
        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync(Ct);
        await using var hold = await blocker.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE interactions IN SHARE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var first = _service.RecordAsync(new UserRef(Tenant, "first"), Event(_titles[0], InteractionType.Play, at));
        Assert.True(await WaitingOnALockAsync(), "the first batch never waited on the held table");

        var viewers = Enumerable.Range(0, 20)
            .Select(i => _service.RecordAsync(new UserRef(Tenant, $"viewer-{i}"), Event(_titles[i], InteractionType.Like, at)))
            .ToList();
        // A request naming a title of no tenant: refused whole, in the middle of the others.
        var refused = _service.RecordAsync(new UserRef(Tenant, "mallory"),
            Event(_titles[1], InteractionType.Like, at), Event(Guid.NewGuid(), InteractionType.Like, at));
        // The same event sent twice by one user in two requests, and twice within one request.
        var sent = _service.RecordAsync(new UserRef(Tenant, "bob"), Event(_titles[2], InteractionType.Play, at, "evt-x"));
        var resent = _service.RecordAsync(new UserRef(Tenant, "bob"), Event(_titles[3], InteractionType.Play, at.AddSeconds(1), "evt-x"));
        var twice = _service.RecordAsync(new UserRef(Tenant, "carol"),
            Event(_titles[4], InteractionType.Complete, at), Event(_titles[4], InteractionType.Complete, at));

        Assert.Equal(24, _service.Writer.QueuedCount);
        Assert.False(first.IsCompleted);
        await hold.RollbackAsync(Ct);

        Assert.Equal(1, (await first).Recorded);
        Assert.All(await Task.WhenAll(viewers), outcome => Assert.Equal(new[] { 1, 0 }, new[] { outcome.Recorded, outcome.Duplicates }));
        var refusal = await refused;
        Assert.Equal([1], refusal.UnknownEntities);
        Assert.Equal(0, refusal.Recorded);
        var bob = new[] { await sent, await resent };
        Assert.Equal((1, 1), (bob.Sum(o => o.Recorded), bob.Sum(o => o.Duplicates)));
        var carol = await twice;
        Assert.Equal((1, 1), (carol.Recorded, carol.Duplicates));

        // Nothing of the refused request was stored, not even an empty profile; everyone else's taste moved.
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM interactions WHERE user_id = 'mallory'"));
        Assert.Equal(0, await _service.CountAsync("SELECT count(*) FROM user_profiles WHERE user_id = 'mallory'"));
        Assert.Equal(23, await _service.CountAsync("SELECT count(*) FROM interactions"));
        Assert.Equal(23, await _service.CountAsync("SELECT count(*) FROM user_profiles WHERE interaction_count = 1 AND taste_mean IS NOT NULL"));
        // A like of one title makes the taste that title's direction.
        Assert.Equal(1, await _service.CountAsync(
            "SELECT count(*) FROM user_profiles p JOIN entities e ON e.id = $1 WHERE p.user_id = 'viewer-7' AND p.taste_mean <=> e.embedding < 1e-5",
            _titles[7]));
    }

    [Fact]
    public async Task AProfileErasedWhileABatchWaitsForIt_IsStartedAnew_WithTheBatchsInteractions()
    {
        var at = _service.Time.GetUtcNow();
        var dora = new UserRef(Tenant, "dora");
        Assert.Equal(1, (await _service.RecordAsync(dora, Event(_titles[0], InteractionType.Like, at))).Recorded);

        // The erasure holds dora's profile while her next request is recorded; it deletes the row and commits.
        await using var eraser = new NpgsqlConnection(_database.ConnectionString);
        await eraser.OpenAsync(Ct);
        await using var erasure = await eraser.BeginTransactionAsync(Ct);
        await using (var lockProfile = new NpgsqlCommand("SELECT 1 FROM user_profiles WHERE user_id = 'dora' FOR UPDATE", eraser, erasure))
        {
            await lockProfile.ExecuteNonQueryAsync(Ct);
        }

        var recording = _service.RecordAsync(dora, Event(_titles[5], InteractionType.Like, at.AddMinutes(1)));
        Assert.True(await WaitingOnALockAsync(), "the batch never waited on the erasure's lock");
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM interactions WHERE user_id = 'dora'; DELETE FROM user_profiles WHERE user_id = 'dora'", eraser, erasure))
        {
            await delete.ExecuteNonQueryAsync(Ct);
        }

        await erasure.CommitAsync(Ct);

        Assert.Equal(1, (await recording).Recorded);
        Assert.Equal(1, await _service.CountAsync("SELECT interaction_count FROM user_profiles WHERE user_id = 'dora'"));
        Assert.Equal(1, await _service.CountAsync("SELECT count(*) FROM interactions WHERE user_id = 'dora'"));
    }

    /// <summary>Whether a backend of this test's database comes to wait on a lock (the batch, behind the test's own transaction).</summary>
    private Task<bool> WaitingOnALockAsync() => Eventually.TrueAsync(
        async () => await _service.CountAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
        TimeSpan.FromSeconds(10), Ct);
}
