using MediaGateway.Infrastructure.Platform.Workers;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Platform;

/// <summary>
/// The worker base against the real Postgres: each worker gets its own data source, as a separate instance of the
/// service would, over one scratch database. Time is a FakeTimeProvider, so a tick happens when the test advances
/// the clock; the test then waits for the workers to report the tick finished, never for a guessed delay.
/// </summary>
public sealed class PeriodicWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // A bigint advisory lock shows in pg_locks as its high and low 32 bits (classid, objid) with objsubid 1.
    private const string LockRows = """
        FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = $1
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new();
    private readonly List<ProbeWorker> _workers = [];
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }

        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SingleRunner_TwoInstances_ExactlyOneRuns()
    {
        var (a, b) = (SingleRunner("one-of-two"), SingleRunner("one-of-two"));

        await StartAsync(a, b);
        for (var i = 0; i < 3; i++)
        {
            await TickAsync(a, b);
        }

        var (leader, follower) = a.IsLeader ? (a, b) : (b, a);
        Assert.Equal((4, 0), (leader.Runs, follower.Runs));
        Assert.False(follower.IsLeader);
        Assert.Equal(1, await LockHoldersAsync("one-of-two"));
        Assert.Single(leader.Log.Entries, e => e.Message.Contains("one-of-two is the single runner now", StringComparison.Ordinal));
        Assert.Empty(follower.Log.AtLeast(LogLevel.Information));
    }

    [Fact]
    public async Task SingleRunner_LeaderStops_OtherTakesOverAtItsNextTick()
    {
        var (a, b) = (SingleRunner("takeover"), SingleRunner("takeover"));
        await StartAsync(a, b);
        var (leader, follower) = a.IsLeader ? (a, b) : (b, a);

        await leader.StopAsync(Ct);
        Assert.Equal(0, await LockHoldersAsync("takeover"));
        Assert.Single(leader.Log.Entries, e => e.Message.Contains("released the single-runner lock", StringComparison.Ordinal));
        Assert.Equal(0, follower.Runs);

        await TickAsync(follower);

        Assert.Equal(1, follower.Runs);
        Assert.True(follower.IsLeader);
        Assert.Equal(1, await LockHoldersAsync("takeover"));
    }

    [Fact]
    public async Task SingleRunner_LeaderConnectionBreaks_LeadershipIsTakenAgainAtTheNextTick()
    {
        var (a, b) = (SingleRunner("broken-leader"), SingleRunner("broken-leader"));
        await StartAsync(a, b);
        var (leader, _) = a.IsLeader ? (a, b) : (b, a);

        // What a Postgres restart does to the leader's session: it ends, and the server drops its locks.
        await TerminateLockHolderAsync("broken-leader");
        await WaitUntilAsync(async () => await LockHoldersAsync("broken-leader") == 0, "the server dropped the lock");
        await TickAsync(a, b);

        Assert.Equal(2, a.Runs + b.Runs);   // the first tick's run, and exactly one at this tick
        Assert.NotEqual(a.IsLeader, b.IsLeader);
        Assert.Equal(1, await LockHoldersAsync("broken-leader"));
        var lost = Assert.Single(leader.Log.AtLeast(LogLevel.Warning));
        Assert.Contains("broken-leader lost the single-runner lock", lost.Message, StringComparison.Ordinal);
        Assert.Null(lost.Exception);   // an outage logs no stack trace above Debug

        await TickAsync(a, b);
        Assert.Equal(3, a.Runs + b.Runs);
    }

    [Fact]
    public async Task Run_Throws_IsLoggedOnce_AndTheNextTickRunsAgain()
    {
        var calls = 0;
        var worker = PerInstance("flaky", _ => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("first run fails")
            : Task.CompletedTask);

        await StartAsync(worker);
        var failure = Assert.Single(worker.Log.AtLeast(LogLevel.Warning));
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("flaky failed", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failure.Exception);

        await TickAsync(worker);

        Assert.Equal(2, worker.Runs);
        Assert.Single(worker.Log.AtLeast(LogLevel.Warning));
    }

    [Fact]
    public async Task Run_FailsBecausePostgresIsUnreachable_IsOneWarningLine_WithTheTraceOnlyAtDebug()
    {
        var worker = PerInstance("outage", _ => throw new NpgsqlException("connection refused"));

        await StartAsync(worker);

        var failure = Assert.Single(worker.Log.AtLeast(LogLevel.Warning));
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Null(failure.Exception);
        Assert.Contains("outage failed (NpgsqlException: connection refused)", failure.Message, StringComparison.Ordinal);
        Assert.Contains(worker.Log.Entries, e => e.Level == LogLevel.Debug && e.Exception is NpgsqlException);
    }

    [Fact]
    public async Task RunNow_DuringASlowRun_WaitsForIt_RunsNeverOverlap()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstRunStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (running, maxRunning) = (0, 0);
        var worker = PerInstance("slow", async ct =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            firstRunStarted.TrySetResult();
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
        });

        await worker.StartAsync(Ct);
        await firstRunStarted.Task.WaitAsync(Deadline, Ct);
        var runNow = worker.RunNowAsync(Ct);
        _time.Advance(ProbeWorker.Every);   // and the loop's next tick comes due while its first run goes on
        Assert.False(runNow.IsCompleted);

        release.SetResult();
        await runNow.WaitAsync(Deadline, Ct);
        await WaitUntilAsync(() => Task.FromResult(worker.CompletedTicks == 2 && worker.Runs == 3), "the due tick ran too");

        Assert.Equal(1, Volatile.Read(ref maxRunning));
    }

    [Fact]
    public async Task Stop_DuringARun_CancelsItCleanly_AndReleasesTheLock()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = SingleRunner("stopping", async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await worker.StartAsync(Ct);
        await started.Task.WaitAsync(Deadline, Ct);

        await worker.StopAsync(Ct);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Empty(worker.Log.AtLeast(LogLevel.Warning));
        Assert.False(worker.IsLeader);
        Assert.Equal(0, await LockHoldersAsync("stopping"));
    }

    [Fact]
    public async Task Stop_LetsTheCurrentRunFinish()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        var worker = SingleRunner("finishing", async _ =>
        {
            started.TrySetResult();
            await release.Task;   // a run that does not watch the token: stop waits for it
            finished = true;
        });
        await worker.StartAsync(Ct);
        await started.Task.WaitAsync(Deadline, Ct);

        var stop = worker.StopAsync(Ct);
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop.WaitAsync(Deadline, Ct);

        Assert.True(finished);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Empty(worker.Log.AtLeast(LogLevel.Warning));
        Assert.Equal(0, await LockHoldersAsync("finishing"));
    }

    [Fact]
    public void LockKey_IsFixedByTheName()
    {
        // Pinned: instances of different builds must compute the same key, or a rolling deploy elects two leaders.
        Assert.Equal(5_418_245_792_002_749_795L, SingleRunnerLock.KeyFor("sync-maintenance"));
        Assert.NotEqual(SingleRunnerLock.KeyFor("a"), SingleRunnerLock.KeyFor("b"));
    }

    private ProbeWorker PerInstance(string name, Func<CancellationToken, Task>? run = null) =>
        Track(new ProbeWorker(name, _time, new RecordingLogger(), run));

    private ProbeWorker SingleRunner(string name, Func<CancellationToken, Task>? run = null)
    {
        // Its own data source and pool: a separate instance of the service.
        var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _dataSources.Add(dataSource);
        return Track(new ProbeWorker(name, dataSource, _time, new RecordingLogger(), run));
    }

    private ProbeWorker Track(ProbeWorker worker)
    {
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Starts the workers and waits until each finished its first tick (the one at start).</summary>
    private static async Task StartAsync(params ProbeWorker[] workers)
    {
        foreach (var worker in workers)
        {
            await worker.StartAsync(Ct);
        }

        await WaitUntilAsync(() => Task.FromResult(workers.All(w => w.CompletedTicks == 1)), "the first tick finished");
    }

    /// <summary>Moves the clock one interval and waits until each worker finished that tick.</summary>
    private async Task TickAsync(params ProbeWorker[] workers)
    {
        var before = workers.Select(w => w.CompletedTicks).ToArray();
        _time.Advance(ProbeWorker.Every);
        await WaitUntilAsync(() => Task.FromResult(workers.Select((w, i) => w.CompletedTicks == before[i] + 1).All(done => done)),
            "the tick finished");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Assert.True(await Eventually.TrueAsync(condition, Deadline, Ct), $"Not true within {Deadline}: {what}");

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private Task<long> LockHoldersAsync(string workerName) => QueryAsync<long>("SELECT count(*) " + LockRows, workerName);

    private async Task TerminateLockHolderAsync(string workerName) =>
        Assert.True(await QueryAsync<bool>($"SELECT pg_terminate_backend(pid) {LockRows}", workerName));

    private async Task<T> QueryAsync<T>(string sql, string workerName)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = SingleRunnerLock.KeyFor(workerName) });
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
