using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Sync;
using MediaGateway.TestSupport;
using Npgsql;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Sync;

public sealed class ProgressPersistenceTests : IAsyncLifetime
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly ResumeRules Rules = ResumeRules.Default;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private SyncHarness _sync = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _sync = await SyncHarness.StartAsync(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _sync.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static readonly SyncBatch NoChanges = new([], [], new Dictionary<string, ContentProgress>());

    private static ContentProgress Set(int position, long ms, string device = "tv", int logical = 0) =>
        ContentProgress.FromSet(new PlaybackPosition(position, 6000, PlaybackState.Paused), new HybridTimestamp(ms, logical, device), Rules);

    [Fact]
    public async Task Write_IsDurableAndReadBack()
    {
        var result = await _sync.Progress.WriteAsync(Alice, "movie", Set(1200, 1_000), Ct);

        var found = await _sync.Progress.FindAsync(Alice, "movie", Ct);
        Assert.True(result.Applied);
        Assert.Equal(1200, found!.Progress.Position.Value!.PositionSeconds);
        Assert.Equal(new HybridTimestamp(1_000, 0, "tv"), found.Progress.Position.Stamp);
    }

    [Fact]
    public async Task IncrementalUpdates_KeepTheLatest()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _sync.Progress.WriteAsync(Alice, "series-e1", Set(i * 600, 1_000 + i), Ct);
        }

        var found = await _sync.Progress.FindAsync(Alice, "series-e1", Ct);
        Assert.Equal(3000, found!.Progress.Position.Value!.PositionSeconds);
    }

    [Fact]
    public async Task LwwConflict_OlderWriteChangesNothingAndReportsItLost()
    {
        await _sync.Progress.WriteAsync(Alice, "film", Set(3000, 2_000, "phone"), Ct);

        var stale = await _sync.Progress.WriteAsync(Alice, "film", Set(100, 1_000, "tv"), Ct);

        Assert.False(stale.Applied);
        Assert.Equal((3000, "phone"), (stale.Stored.Progress.Position.Value!.PositionSeconds, stale.Stored.Progress.Position.Stamp.NodeId));
    }

    [Fact]
    public async Task EqualTimestamps_PostgresBreaksTheTieLikeTheDomain()
    {
        // Uppercase sorts before lowercase in ordinal (and "C") order, unlike in a linguistic collation.
        await _sync.Progress.WriteAsync(Alice, "tie", Set(1000, 5_000, "tv-b"), Ct);
        await _sync.Progress.WriteAsync(Alice, "tie", Set(2000, 5_000, "TV-Z"), Ct);

        var expected = Set(1000, 5_000, "tv-b").Merge(Set(2000, 5_000, "TV-Z"));
        var found = await _sync.Progress.FindAsync(Alice, "tie", Ct);
        Assert.Equal(expected.Position, found!.Progress.Position);
        Assert.Equal("tv-b", found.Progress.Position.Stamp.NodeId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EqualStamps_TheSameDeviceWinsInEitherArrivalOrder(bool uppercaseFirst)
    {
        // Equal (physical, logical): the device id decides, as in the domain, whichever write arrives first. A
        // completed position against a delete puts both registers (position and completion) to the tie.
        var stamp = (Physical: 5_000L, Logical: 3);
        var lower = Set(5700, stamp.Physical, "tv-b", stamp.Logical);
        var upper = ContentProgress.FromDelete(new HybridTimestamp(stamp.Physical, stamp.Logical, "TV-Z"));
        var (first, second) = uppercaseFirst ? (upper, lower) : (lower, upper);

        await _sync.Progress.WriteAsync(Alice, "tie", first, Ct);
        await _sync.Progress.WriteAsync(Alice, "tie", second, Ct);

        var found = (await _sync.Progress.FindAsync(Alice, "tie", Ct))!.Progress;
        Assert.Equal(lower.Merge(upper), found);
        Assert.Equal(("tv-b", 5700, "tv-b", true),
            (found.Position.Stamp.NodeId, found.Position.Value?.PositionSeconds, found.Completion?.Stamp.NodeId, found.IsCompleted));
    }

    [Fact]
    public async Task IdenticalReplay_ChangesNoRow_LeavesOtherDevicesDeltaEmpty_AndTheOrderUnchanged()
    {
        // A device resending what it already sent (a retry, an offline queue replayed) must change nothing:
        // a new change number on the row would send the title to every other device and move it to the top of the list.
        var user = new UserRef("tenant-a", "replay");
        var finished = Set(5800, 1_000);
        var watching = Set(1200, 2_000);
        await _sync.Progress.WriteAsync(user, "finished", finished, Ct);
        await _sync.Progress.WriteAsync(user, "watching", watching, Ct);
        await _sync.Progress.WriteAsync(user, "latest", Set(600, 3_000), Ct);
        var phone = await _sync.Sync.SyncAsync(user, "phone", null, NoChanges, Ct);
        var orderBefore = (await _sync.Progress.ListAsync(user, Ct)).Select(p => p.ContentId).ToList();

        var replayedFinished = await _sync.Progress.WriteAsync(user, "finished", finished, Ct);
        await _sync.Progress.WriteAsync(user, "watching", watching, Ct);
        await _sync.Sync.SyncAsync(user, "tv", null, new SyncBatch([], [], new Dictionary<string, ContentProgress> { ["watching"] = watching }), Ct);
        var phoneDelta = await _sync.Sync.SyncAsync(user, "phone", phone.Cursor, NoChanges, Ct);

        Assert.Equal(["latest", "watching", "finished"], orderBefore);
        Assert.Equal(orderBefore, (await _sync.Progress.ListAsync(user, Ct)).Select(p => p.ContentId));
        Assert.Empty(phoneDelta.Progress);
        Assert.Equal(finished, replayedFinished.Stored.Progress);
    }

    [Fact]
    public async Task List_IsTheTenantsOwn_ForTheSameUserId()
    {
        var aliceElsewhere = new UserRef("tenant-b", "alice");
        await _sync.Progress.WriteAsync(Alice, "mine-watching", Set(1200, 1_000), Ct);
        await _sync.Progress.WriteAsync(Alice, "mine-finished", Set(5900, 1_001), Ct);
        await _sync.Progress.WriteAsync(aliceElsewhere, "theirs-watching", Set(1200, 1_000), Ct);
        await _sync.Progress.WriteAsync(aliceElsewhere, "theirs-finished", Set(5900, 1_001), Ct);

        var mine = await _sync.Progress.ListAsync(Alice, Ct);
        var theirs = await _sync.Progress.ListAsync(aliceElsewhere, Ct);

        Assert.Equal(["mine-finished", "mine-watching"], mine.Select(p => p.ContentId));
        Assert.Equal(["theirs-finished", "theirs-watching"], theirs.Select(p => p.ContentId));
    }

    [Fact]
    public async Task Delete_LeavesATombstoneThatAnOlderSetCannotResurrect()
    {
        await _sync.Progress.WriteAsync(Alice, "gone", Set(1200, 1_000), Ct);
        await _sync.Progress.WriteAsync(Alice, "gone", ContentProgress.FromDelete(new HybridTimestamp(3_000, 0, "web")), Ct);

        var late = await _sync.Progress.WriteAsync(Alice, "gone", Set(2400, 2_000, "phone"), Ct);

        Assert.False(late.Applied);
        Assert.True((await _sync.Progress.FindAsync(Alice, "gone", Ct))!.Progress.IsDeleted);
        Assert.DoesNotContain(await _sync.Progress.ListAsync(Alice, Ct), p => p.ContentId == "gone");
    }

    [Fact]
    public async Task Completion_SurvivesAnOlderInProgressReplay_UntilMarkedUnwatched()
    {
        await _sync.Progress.WriteAsync(Alice, "finale", Set(5700, 2_000), Ct);
        await _sync.Progress.WriteAsync(Alice, "finale", Set(1500, 1_000, "offline-phone"), Ct);
        var afterReplay = await _sync.Progress.FindAsync(Alice, "finale", Ct);
        await _sync.Progress.WriteAsync(Alice, "finale", ContentProgress.FromDelete(new HybridTimestamp(3_000, 0, "tv")), Ct);
        await _sync.Progress.WriteAsync(Alice, "finale", Set(1500, 4_000), Ct);
        var afterUnwatched = await _sync.Progress.FindAsync(Alice, "finale", Ct);

        Assert.True(afterReplay!.Progress.IsCompleted);
        Assert.False(afterReplay.Progress.IsInProgress(Rules));
        Assert.False(afterUnwatched!.Progress.IsCompleted);
        Assert.True(afterUnwatched.Progress.IsInProgress(Rules));
    }

    [Fact]
    public async Task UsersAndTenants_AreIsolated()
    {
        var bob = new UserRef("tenant-a", "bob");
        var aliceElsewhere = new UserRef("tenant-b", "alice");
        await _sync.Progress.WriteAsync(Alice, "shared-title", Set(600, 1_000), Ct);
        await _sync.Progress.WriteAsync(bob, "shared-title", Set(1200, 1_000), Ct);
        await _sync.Progress.WriteAsync(aliceElsewhere, "shared-title", Set(1800, 1_000), Ct);

        Assert.Equal(600, (await _sync.Progress.FindAsync(Alice, "shared-title", Ct))!.Progress.Position.Value!.PositionSeconds);
        Assert.Equal(1200, (await _sync.Progress.FindAsync(bob, "shared-title", Ct))!.Progress.Position.Value!.PositionSeconds);
        Assert.Equal(1800, (await _sync.Progress.FindAsync(aliceElsewhere, "shared-title", Ct))!.Progress.Position.Value!.PositionSeconds);
        Assert.Null(await _sync.Progress.FindAsync(new UserRef("tenant-c", "alice"), "shared-title", Ct));
    }

    [Fact]
    public async Task PlaybackReports_AreHotUpdates()
    {
        // A position report must not touch any index (ADR 7): at thousands of reports a second, non-HOT updates
        // cost index entries and bloat, and took PUT /progress from 7.6k to 5.0k requests/s.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var (updatesBefore, hotBefore) = await UpdateCountsAsync(connection, transaction);
        for (var report = 1; report <= 20; report++)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(ProgressSql.UpsertCommand(
                [new ProgressWrite(Alice.TenantId, Alice.UserId, "movie", Set(report * 10, report))]));
            await batch.ExecuteNonQueryAsync(Ct);
        }

        // The first report inserts; the 19 after it must all update in place.
        var (updatesAfter, hotAfter) = await UpdateCountsAsync(connection, transaction);
        Assert.Equal(19, updatesAfter - updatesBefore);
        Assert.Equal(19, hotAfter - hotBefore);
    }

    // Counts not yet reported to the statistics system, this transaction's included.
    private static async Task<(long Updates, long Hot)> UpdateCountsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var stats = new NpgsqlCommand(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'user_progress'", connection, transaction);
        await using var reader = await stats.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
