using System.Collections.Concurrent;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaGateway.Infrastructure.IntegrationTests.Platform;

/// <summary>A worker whose run is whatever the test says, counting its runs and keeping its log.</summary>
internal sealed class ProbeWorker : PeriodicWorker
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task> _run;
    private int _runs;

    /// <summary>Per instance.</summary>
    public ProbeWorker(string name, TimeProvider time, RecordingLogger log, Func<CancellationToken, Task>? run = null)
        : base(name, Every, time, log)
    {
        Log = log;
        _run = run ?? (_ => Task.CompletedTask);
    }

    /// <summary>Single runner over <paramref name="dataSource"/>.</summary>
    public ProbeWorker(string name, NpgsqlDataSource dataSource, TimeProvider time, RecordingLogger log, Func<CancellationToken, Task>? run = null)
        : base(name, Every, dataSource, time, log)
    {
        Log = log;
        _run = run ?? (_ => Task.CompletedTask);
    }

    public RecordingLogger Log { get; }

    /// <summary>Runs started, by the loop or by RunNowAsync.</summary>
    public int Runs => Volatile.Read(ref _runs);

    protected override Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return _run(cancellationToken);
    }
}

internal sealed class RecordingLogger : ILogger
{
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IEnumerable<Entry> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
}
