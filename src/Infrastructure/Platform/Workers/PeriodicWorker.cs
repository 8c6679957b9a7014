using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaGateway.Infrastructure.Platform.Workers;

/// <summary>
/// The base of every periodic background job: runs <see cref="RunAsync"/> at start and then every
/// <see cref="Interval"/> (timed by the injected <see cref="TimeProvider"/>), one run at a time, until the host stops.
/// <list type="bullet">
/// <item>A run that throws is logged once, with the worker's name, and the next interval runs again; the loop never dies.</item>
/// <item>Runs never overlap: the loop's runs and <see cref="RunNowAsync"/> (tests, commands) share one gate.</item>
/// <item>Stopping cancels the token the current run got and waits for the run to finish; a run ended by the stop is
/// not an error, and nothing is thrown at the host.</item>
/// <item>Single runner (opt-in): with the constructor that takes an <see cref="NpgsqlDataSource"/>, the loop runs only
/// on the instance that holds the worker's Postgres advisory lock, so the job runs once per cluster. That instance
/// keeps the lock on a dedicated connection while it lives; the others try to take it at each tick and skip the run
/// when they cannot. A leader whose connection breaks gives the lock up and competes for it again; a stopping
/// leader releases it, and another instance takes over at its next tick.</item>
/// </list>
/// </summary>
/// <remarks>
/// A feature plugs in a worker in two steps:
/// <code>
/// // 1. Derive, name it, take the interval from the feature's options; pass the data source only if the job must
/// //    run once per cluster (maintenance, trending, reindex), not on every instance (a local cache refresh).
/// internal sealed class TrendingWorker(NpgsqlDataSource dataSource, IOptions&lt;TrendingOptions&gt; options,
///     TimeProvider time, ILogger&lt;TrendingWorker&gt; logger)
///     : PeriodicWorker("trending", TimeSpan.FromSeconds(options.Value.IntervalSeconds), dataSource, time, logger)
/// {
///     // One run: pass the token on, let failures throw.
///     protected override Task RunAsync(CancellationToken cancellationToken) => ...;
/// }
///
/// // 2. Register it in the feature's module as a singleton that is also the hosted service, so a command or a test
/// //    that calls RunNowAsync shares the gate with the loop the host runs.
/// services.AddSingleton&lt;TrendingWorker&gt;();
/// services.AddHostedService(sp => sp.GetRequiredService&lt;TrendingWorker&gt;());
/// </code>
/// The name is part of the advisory lock key: renaming a single-runner worker lets the old and the new build each
/// elect a leader during a rolling deploy.
/// </remarks>
internal abstract class PeriodicWorker : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SingleRunnerLock? _singleRunner;
    private int _completedTicks;

    /// <summary>A worker that runs on every instance.</summary>
    protected PeriodicWorker(string name, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Name = name;
        Interval = interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>A worker that runs on one instance of the cluster: the holder of its advisory lock in <paramref name="singleRunner"/>.</summary>
    protected PeriodicWorker(string name, TimeSpan interval, NpgsqlDataSource singleRunner, TimeProvider time, ILogger logger)
        : this(name, interval, time, logger)
    {
        _singleRunner = new SingleRunnerLock(singleRunner, name, logger);
    }

    /// <summary>Names the worker in logs and, for a single runner, derives its advisory lock key.</summary>
    public string Name { get; }

    public TimeSpan Interval { get; }

    public bool IsSingleRunner => _singleRunner is not null;

    /// <summary>Single runner: whether this instance holds the lock now. Always false for a per-instance worker.</summary>
    internal bool IsLeader => _singleRunner?.IsHeld ?? false;

    /// <summary>Ticks the loop has finished, whether the job ran, was skipped or failed: for tests to wait on.</summary>
    internal int CompletedTicks => Volatile.Read(ref _completedTicks);

    /// <summary>
    /// Runs the job here and now, after any run in progress, and returns when it is done; exceptions reach the caller.
    /// It does not ask for the single-runner lock: a command or a test means this instance, so the job must tolerate
    /// one such run beside the leader's.
    /// </summary>
    public async Task RunNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One run of the job. Pass the token on: it is cancelled when the host stops.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="run"/> under the gate the loop uses: for a public run method that returns a result.</summary>
    protected async Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await run(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // PeriodicTimer keeps at most one missed tick: a run longer than the interval is followed by one run at once, never a backlog.
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                await TickAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping between runs
        }
        finally
        {
            if (_singleRunner is not null)
            {
                await _singleRunner.ReleaseAsync();
            }
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (_singleRunner is null || await _singleRunner.TryHoldAsync(stoppingToken))
            {
                await RunNowAsync(stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the run was cancelled, or its services are already going away. Not a failure.
        }
        catch (Exception exception)
        {
            // An unreachable database is expected now and then: one line per run, its trace only at Debug, so that
            // an outage does not fill the log with stack traces. Anything else is a bug in the job.
            if (exception is NpgsqlException or TimeoutException)
            {
                _logger.LogWarning("{Worker} failed ({Error}: {Message}); it runs again in {Interval}",
                    Name, exception.GetType().Name, exception.Message, Interval);
                _logger.LogDebug(exception, "{Worker} failure", Name);
            }
            else
            {
                _logger.LogError(exception, "{Worker} failed; it runs again in {Interval}", Name, Interval);
            }
        }
        finally
        {
            Interlocked.Increment(ref _completedTicks);
        }
    }
}
