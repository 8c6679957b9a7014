using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;

namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>
/// Group commit: callers queue writes, and a flusher takes whatever is queued and writes it to Postgres together
/// (one transaction, set-based statements), so a thousand small writes a second cost a few commits instead of a
/// thousand. Each caller's task completes only after its batch has committed: nothing is acknowledged that is not
/// durable. The queue is bounded (callers wait for room), and it drains before the host stops.
/// </summary>
/// <remarks>
/// A subclass says how one batch is written (<see cref="WriteBatchAsync"/>); this class owns the queue, the
/// batching, the retry and the drain. Batches form by themselves under load: a flusher takes what is queued as soon
/// as it is free, so a lone write is not held back.
/// </remarks>
internal abstract class GroupCommitWriter<TWrite, TResult> : IHostedService, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitOptions _options;
    private readonly ResiliencePipeline _retry;
    private readonly MediaGatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _writerTag;
    private readonly Channel<PendingWrite> _queue;
    private readonly Lock _startLock = new();
    private Task? _flushers;

    protected GroupCommitWriter(
        string name, NpgsqlDataSource dataSource, GroupCommitOptions options, PostgresRetry retry, MediaGatewayMetrics metrics, ILogger logger)
    {
        Name = name;
        _dataSource = dataSource;
        _options = options;
        _retry = retry.Pipeline;
        _metrics = metrics;
        _logger = logger;
        _writerTag = new("writer", name);
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The writer's name in metrics and logs.</summary>
    public string Name { get; }

    protected MediaGatewayMetrics Metrics => _metrics;

    /// <summary>Writes waiting in the queue, not yet taken into a batch (tests check a drain had work to do).</summary>
    internal int QueuedCount => _queue.Reader.Count;

    private sealed record PendingWrite(TWrite Write, TaskCompletionSource<TResult> Done);

    /// <summary>Queues the write and completes with its result once its batch has committed.</summary>
    protected async Task<TResult> EnqueueAsync(TWrite write, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var pending = new PendingWrite(write, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        _metrics.GroupCommitWrites.Add(1, _writerTag);
        // Once queued the write happens even if this caller gives up waiting.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one batch and returns one result per write, in the writes' order. A transient failure runs it again on
    /// a new connection, so it must be safe to repeat: a transaction that did not commit, or idempotent statements.
    /// </summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteBatchAsync(
        IReadOnlyList<TWrite> writes, NpgsqlConnection connection, CancellationToken cancellationToken);

    /// <summary>How much of <see cref="GroupCommitOptions.MaxBatchSize"/> a write takes: 1, unless a write carries many rows.</summary>
    protected virtual int SizeOf(TWrite write) => 1;

    // Not a BackgroundService: its ExecuteAsync never runs when the host stops right after starting, and then
    // nothing would drain. These loops always start, and only the queue's completion ends them.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>Stops taking writes, then waits for everything queued to be flushed (up to the host's shutdown timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_flushers is { } flushers)
        {
            await flushers.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The drain, for a container without a host (the commands): disposing it stops the writer.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>
    /// Starts the flushers once: with the host, or at the first write where there is no host (the commands build
    /// a bare container), so a write never waits on a flusher that nobody started.
    /// </summary>
    private void EnsureStarted()
    {
        if (Volatile.Read(ref _flushers) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _flushers ??= Task.WhenAll(Enumerable.Range(0, _options.Flushers).Select(_ => Task.Run(FlushLoopAsync, CancellationToken.None)));
        }
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingWrite>();
        await using var connection = new FlusherConnection(_dataSource);
        // Ends when the queue is completed and empty: the drain.
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            await CollectAsync(batch);
            if (batch.Count > 0)
            {
                await FlushAsync(batch, connection);
            }
        }
    }

    /// <summary>
    /// Takes queued writes until the batch holds <see cref="GroupCommitOptions.MaxBatchSize"/> (the last write may
    /// carry it past), waiting up to <see cref="GroupCommitOptions.MaxDelayMilliseconds"/> for more when that is set.
    /// </summary>
    private async Task CollectAsync(List<PendingWrite> batch)
    {
        var max = _options.MaxBatchSize;
        var size = 0;
        void TakeQueued()
        {
            while (size < max && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
                size += SizeOf(write.Write);
            }
        }

        TakeQueued();
        if (batch.Count == 0 || size >= max || _options.MaxDelayMilliseconds <= 0)
        {
            return;
        }

        using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.MaxDelayMilliseconds));
        try
        {
            while (size < max && await _queue.Reader.WaitToReadAsync(window.Token))
            {
                TakeQueued();
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The window closed: flush what we have.
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch, FlusherConnection connection)
    {
        _metrics.GroupCommitBatchSizes.Record(batch.Count, _writerTag);
        var writes = batch.ConvertAll(p => p.Write);
        try
        {
            var results = await _retry.ExecuteAsync(async ct => await WriteBatchAsync(writes, connection, ct), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Flushing {Count} {Writer} writes failed", batch.Count, Name);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(exception);
            }
        }
    }

    private async Task<IReadOnlyList<TResult>> WriteBatchAsync(List<TWrite> writes, FlusherConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteBatchAsync(writes, await connection.OpenAsync(cancellationToken), cancellationToken);
        }
        catch
        {
            // A broken or restarted server leaves the connection unusable: the retry opens a new one.
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A flusher's own connection, kept open between batches: one backend with the statements prepared and its
    /// caches warm, instead of whichever pooled connection comes next. Dropped after a failure, reopened on use.
    /// </summary>
    private sealed class FlusherConnection(NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;

        public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
            _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }
}

/// <summary>The settings every group-commit writer has; each writer binds them from its own section.</summary>
public abstract class GroupCommitOptions
{
    /// <summary>
    /// A batch's size at most, in the writer's unit (a write, or for a write that carries many rows, its rows); the
    /// last write taken may carry a batch past it.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// How long a flusher waits for more writes after the first one. 0 (the default) is classic group commit:
    /// flush what is queued as soon as the flusher is free, so batches grow by themselves under load while a
    /// lone write is not held back. Measured on the reference machine: a 1 ms window cost 2.7 ms per request
    /// (timers fire coarsely) and lowered throughput (docs/benchmarks.md).
    /// </summary>
    [Range(0, 1000)]
    public double MaxDelayMilliseconds { get; set; }

    /// <summary>Writes waiting at most; beyond this, callers wait for room (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Batches in flight at once, each on its own connection. Concurrent batches touching the same users wait on
    /// each other's row locks: a second flusher only pays off when writes are spread over many users.
    /// </summary>
    [Range(1, 16)]
    public int Flushers { get; set; } = 1;
}
