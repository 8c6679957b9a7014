using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// Group commit for playback progress: apps report positions every few seconds while playing, and one row write
/// per report would flood Postgres. Writes flushed together are coalesced per (user, title) to their LWW merge and
/// written in one set-based statement.
/// </summary>
internal sealed class ProgressGroupCommitWriter(
    NpgsqlDataSource dataSource, IOptions<ProgressWriterOptions> options, PostgresRetry retry, MediaGatewayMetrics metrics,
    ILogger<ProgressGroupCommitWriter> logger)
    : GroupCommitWriter<ProgressWrite, ProgressWriteResult>("progress", dataSource, options.Value, retry, metrics, logger)
{
    public Task<ProgressWriteResult> WriteAsync(UserRef user, string contentId, ContentProgress progress, CancellationToken cancellationToken) =>
        EnqueueAsync(new ProgressWrite(user.TenantId, user.UserId, contentId, progress), cancellationToken);

    protected override async Task<IReadOnlyList<ProgressWriteResult>> WriteBatchAsync(
        IReadOnlyList<ProgressWrite> writes, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Coalesce per key to the LWW merge; sort so concurrent flushes lock rows in one order. Safe to repeat:
        // re-applying an LWW merge changes nothing.
        var merged = writes
            .GroupBy(w => (w.TenantId, w.UserId, w.ContentId))
            .Select(g => g.Skip(1).Aggregate(g.First(), (acc, next) => acc with { Progress = acc.Progress.Merge(next.Progress) }))
            .OrderBy(w => w.TenantId, StringComparer.Ordinal)
            .ThenBy(w => w.UserId, StringComparer.Ordinal)
            .ThenBy(w => w.ContentId, StringComparer.Ordinal)
            .ToList();
        Metrics.ProgressRows.Add(merged.Count);

        var stored = await WriteMergedAsync(merged, connection, cancellationToken);
        return writes.Select(write =>
        {
            var current = stored[(write.TenantId, write.UserId, write.ContentId)];
            return new ProgressWriteResult(current, Won(write.Progress, current.Progress));
        }).ToList();
    }

    private static async Task<Dictionary<(string, string, string), StoredProgress>> WriteMergedAsync(
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
