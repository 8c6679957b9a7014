using System.Diagnostics.Metrics;
using System.Threading.Channels;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// Group commit for playback progress: apps report positions every few seconds while playing, and one row
/// write per report would flood Postgres. Writes that arrive together are coalesced per (user, title) to their
/// LWW merge and flushed in one set-based statement when a batch fills or <see cref="ProgressWriterOptions.MaxDelayMilliseconds"/>
/// passes. Each caller's task completes only after its batch has committed: nothing is acknowledged that is
/// not durable. The queue is bounded (callers wait for room), and it drains before the host stops.
/// </summary>
internal sealed class ProgressGroupCommitWriter : IHostedService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ProgressWriterOptions _options;
    private readonly ILogger<ProgressGroupCommitWriter> _logger;
    private readonly MediaGatewayMetrics _metrics;
    private readonly ResiliencePipeline _retry;
    private readonly Channel<PendingWrite> _queue;
    private Task _flushers = Task.CompletedTask;

    public ProgressGroupCommitWriter(
        NpgsqlDataSource dataSource, IOptions<ProgressWriterOptions> options, PostgresRetry retry, MediaGatewayMetrics metrics,
        ILogger<ProgressGroupCommitWriter> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        _retry = retry.Pipeline;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Writes waiting in the queue, not yet taken into a batch (tests check a drain had work to do).</summary>
    internal int QueuedCount => _queue.Reader.Count;

    private sealed record PendingWrite(ProgressWrite Write, TaskCompletionSource<ProgressWriteResult> Done);

    public async Task<ProgressWriteResult> WriteAsync(UserRef user, string contentId, ContentProgress progress, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(
            new ProgressWrite(user.TenantId, user.UserId, contentId, progress),
            new TaskCompletionSource<ProgressWriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        _metrics.ProgressWrites.Add(1);
        // Once queued the write happens even if this caller gives up waiting.
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    // Not a BackgroundService: its ExecuteAsync never runs when the host stops right after starting, and then
    // nothing would drain. These loops always start, and only the queue's completion ends them.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _flushers = Task.WhenAll(Enumerable.Range(0, _options.Flushers).Select(_ => Task.Run(FlushLoopAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    /// <summary>Stops taking writes, then waits for everything queued to be flushed (up to the host's shutdown timeout).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _flushers.WaitAsync(cancellationToken);
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
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

    private async Task CollectAsync(List<PendingWrite> batch)
    {
        var max = _options.MaxBatchSize;
        while (batch.Count < max && _queue.Reader.TryRead(out var write))
        {
            batch.Add(write);
        }

        if (batch.Count == 0 || batch.Count >= max || _options.MaxDelayMilliseconds <= 0)
        {
            return;
        }

        using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.MaxDelayMilliseconds));
        try
        {
            while (batch.Count < max && await _queue.Reader.WaitToReadAsync(window.Token))
            {
                while (batch.Count < max && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested)
        {
            // The window closed: flush what we have.
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch, FlusherConnection connection)
    {
        // Coalesce per key to the LWW merge; sort so concurrent flushes lock rows in one order.
        var merged = batch
            .GroupBy(p => (p.Write.TenantId, p.Write.UserId, p.Write.ContentId))
            .Select(g => g.Skip(1).Aggregate(g.First().Write, (acc, next) => acc with { Progress = acc.Progress.Merge(next.Write.Progress) }))
            .OrderBy(w => w.TenantId, StringComparer.Ordinal)
            .ThenBy(w => w.UserId, StringComparer.Ordinal)
            .ThenBy(w => w.ContentId, StringComparer.Ordinal)
            .ToList();
        _metrics.ProgressBatchSizes.Record(batch.Count);
        _metrics.ProgressRows.Add(merged.Count);

        try
        {
            // Safe to retry: re-applying an LWW merge changes nothing.
            var stored = await _retry.ExecuteAsync(async ct => await WriteBatchAsync(merged, connection, ct), CancellationToken.None);
            foreach (var pending in batch)
            {
                var key = (pending.Write.TenantId, pending.Write.UserId, pending.Write.ContentId);
                var current = stored[key];
                pending.Done.TrySetResult(new ProgressWriteResult(current, Won(pending.Write.Progress, current.Progress)));
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Flushing {Count} progress writes failed", batch.Count);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(exception);
            }
        }
    }

    private async Task<Dictionary<(string, string, string), StoredProgress>> WriteBatchAsync(
        List<ProgressWrite> writes, FlusherConnection connection, CancellationToken cancellationToken)
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

    private static async Task<Dictionary<(string, string, string), StoredProgress>> WriteBatchAsync(
        List<ProgressWrite> writes, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The upsert answers with the rows of the writes that won: in the common case one statement is the whole flush.
        var stored = new Dictionary<(string, string, string), StoredProgress>(writes.Count);
        await ReadStoredAsync(connection, ProgressSql.UpsertCommand(writes, returning: true), stored, cancellationToken);

        // A write that lost to a newer one (an offline device catching up) changed nothing: read what beat it.
        var lost = NotIn(stored, writes);
        if (lost.Count == 0)
        {
            return stored;
        }

        await ReadStoredAsync(connection, ProgressSql.SelectKeysCommand(lost), stored, cancellationToken);

        // What beat it was a delete, collected in the moment between: nothing is stored now, so the write goes in.
        var gone = NotIn(stored, lost);
        if (gone.Count > 0)
        {
            await ReadStoredAsync(connection, ProgressSql.UpsertCommand(gone, returning: true), stored, cancellationToken);
        }

        return stored;
    }

    private static List<ProgressWrite> NotIn(Dictionary<(string, string, string), StoredProgress> stored, List<ProgressWrite> writes) =>
        writes.Where(w => !stored.ContainsKey((w.TenantId, w.UserId, w.ContentId))).ToList();

    private static async Task ReadStoredAsync(
        NpgsqlConnection connection, NpgsqlBatchCommand command, Dictionary<(string, string, string), StoredProgress> stored,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { command } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // Ordinals once per result set, not per row: this is the PUT /progress hot path.
        var tenantId = reader.GetOrdinal("tenant_id");
        var userId = reader.GetOrdinal("user_id");
        var columns = new ProgressSql.Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var progress = ProgressSql.Read(reader, columns);
            stored[(reader.GetString(tenantId), reader.GetString(userId), progress.ContentId)] = progress;
        }
    }

    // A write took effect if what is stored now carries its stamp in either register.
    private static bool Won(ContentProgress written, ContentProgress stored) =>
        stored.Position.Stamp == written.Position.Stamp
        || (written.Completion is not null && stored.Completion?.Stamp == written.Completion.Stamp);
}
