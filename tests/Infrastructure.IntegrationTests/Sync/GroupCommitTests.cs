using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Sync;
using MediaGateway.TestSupport;
using Npgsql;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Sync;

public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly ResumeRules Rules = ResumeRules.Default;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static ContentProgress Set(int position, long ms, string device) =>
        ContentProgress.FromSet(new PlaybackPosition(position, 6000, PlaybackState.Playing), new HybridTimestamp(ms, 0, device), Rules);

    [Fact]
    public async Task ConcurrentWrites_AreCoalescedPerTitle_ToTheLwwWinner()
    {
        var user = new UserRef("tenant-a", "coalesce");
        await using var sync = await SyncHarness.StartAsync(_database,
            new ProgressWriterOptions { MaxBatchSize = 1000, MaxDelayMilliseconds = 50, Flushers = 1 });

        // 400 reports on 8 titles from 4 devices, all at once, as a house full of apps would send them.
        var writes = Enumerable.Range(0, 400).Select(i =>
            sync.Progress.WriteAsync(user, $"title-{i % 8}", Set(i, 10_000 + i, $"device-{i % 4}"), Ct)).ToList();
        var results = await Task.WhenAll(writes);

        // Each row written takes one change number: far fewer rows than requests reached Postgres.
        var rowsWritten = await _database.ScalarAsync<long>("SELECT seq FROM sync_heads WHERE user_id = 'coalesce'");
        Assert.InRange(rowsWritten, 8, 80);
        for (var title = 0; title < 8; title++)
        {
            var expected = Enumerable.Range(0, 400).Where(i => i % 8 == title).Max();
            var stored = await sync.Progress.FindAsync(user, $"title-{title}", Ct);
            Assert.Equal(expected, stored!.Progress.Position.Value!.PositionSeconds);
        }

        // Exactly one write per title won; every caller was told what is stored.
        Assert.Equal(8, results.Count(r => r.Applied));
        Assert.All(results, r => Assert.Equal(r.Stored.Progress.Position.Value!.PositionSeconds,
            Enumerable.Range(0, 400).Where(i => $"title-{i % 8}" == r.Stored.ContentId).Max()));
    }

    [Fact]
    public async Task Shutdown_DrainsEveryQueuedWrite()
    {
        var user = new UserRef("tenant-a", "drain");
        var sync = await SyncHarness.StartAsync(_database,
            new ProgressWriterOptions { MaxBatchSize = 16, MaxDelayMilliseconds = 5, Flushers = 1 });
        // Hold the table against writes, so the first batch waits in Postgres and the rest stays queued for sure:
        // the shutdown below begins with a queue to drain, whatever the machine's speed.
        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync(Ct);
        await using var hold = await blocker.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE user_progress IN SHARE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var writes = Enumerable.Range(0, 300).Select(i =>
            sync.Progress.WriteAsync(user, $"title-{i}", Set(i, 20_000 + i, "tv"), Ct)).ToList();

        // At most one batch has left the queue, and it cannot commit.
        Assert.InRange(sync.Writer.QueuedCount, 300 - 16, 300);
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        var stopping = sync.DisposeAsync();   // stops the writer: it takes no more writes and drains the queue
        Assert.True(sync.Writer.QueuedCount > 0, "the writer stopped with writes still queued");
        await hold.RollbackAsync(Ct);
        await stopping;

        // Every queued write was flushed and acknowledged (none faulted), and all of them are in Postgres.
        var results = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.All(results, r => Assert.True(r.Applied));
        Assert.Equal(300L, await _database.ScalarAsync<long>("SELECT count(*) FROM user_progress WHERE user_id = 'drain'"));
    }

    [Fact]
    public async Task DatabaseCutMidFlush_TheCallerGetsAnError_NeverASuccess()
    {
        var user = new UserRef("tenant-a", "cut");
        var target = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        target.Host = "127.0.0.1";
        target.Port = proxy.Port;
        await using var sync = await SyncHarness.StartAsync(_database, new ProgressWriterOptions { Flushers = 1 }, target.ConnectionString,
            new Dictionary<string, string?> { ["Database:MaxRetries"] = "2", ["Database:RetryBaseDelayMilliseconds"] = "20" });
        await sync.Progress.WriteAsync(user, "before", Set(1, 1, "tv"), Ct);   // the flusher's connection is open

        // The flush leaves for Postgres and is held on the way; then the server goes away and stays away.
        proxy.Pause();
        var write = sync.Progress.WriteAsync(user, "during", Set(2, 2, "tv"), Ct);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(proxy.HeldChunks > 0), TimeSpan.FromSeconds(10), Ct),
            "the flush never reached the proxy");
        proxy.Stop();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => write.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM user_progress WHERE user_id = 'cut' AND content_id = 'during'"));
    }

    [Fact]
    public async Task AfterShutdown_NewWritesAreRefused_NotLost()
    {
        var sync = await SyncHarness.StartAsync(_database);
        await sync.Writer.StopAsync(Ct);

        await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(() =>
            sync.Progress.WriteAsync(new UserRef("tenant-a", "late"), "title", Set(1, 1, "tv"), Ct));
        await sync.DisposeAsync();
    }
}
