using System.Data;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// One sync in one transaction and three round trips: (1) the writes, the device's acknowledgement and the
/// user's head (with adds: the head row lock first, and the watchlist's titles before and after, against its
/// limit); (2) the delta bounded by that head; (3) commit. Change numbers are taken under the user's
/// head row lock, so every row numbered up to the head read here is committed and visible: a cursor never
/// skips a change that commits late.
/// </summary>
internal sealed class PostgresSyncStore(NpgsqlDataSource dataSource, PostgresRetry retry)
    : ISyncStore
{
    private readonly ResiliencePipeline _retry = retry.Pipeline;

    // A deadlock or dropped connection rolls the whole transaction back, and applying a sync is idempotent:
    // running it again is safe.
    public async Task<SyncDelta> SyncAsync(UserRef user, string deviceId, long? cursor, SyncBatch batch, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct => await SyncOnceAsync(user, deviceId, cursor, batch, ct), cancellationToken);

    private async Task<SyncDelta> SyncOnceAsync(UserRef user, string deviceId, long? cursor, SyncBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var written = await WriteAsync(connection, transaction, user, deviceId, cursor, batch, cancellationToken);
        if (written.ItemsAfter > batch.MaxWatchlistItems && written.ItemsAfter > written.ItemsBefore)
        {
            // The adds would take the list beyond its limit: store none of the batch (a list already beyond a lowered
            // limit may still shrink, or take adds of titles it holds).
            await transaction.RollbackAsync(cancellationToken);
            return new SyncDelta(written.HeadBefore, false, [], []) { WatchlistFull = true };
        }

        // A cursor older than what was garbage-collected may miss a removal: send the whole state instead. So does a
        // cursor beyond the head this server had: it never issued it (a database restored from a backup, a client
        // bug), and a delta after it would leave the device without what it lacks.
        var fullResync = cursor is not null && (cursor < written.PrunedThrough || cursor > written.HeadBefore);
        var since = fullResync ? null : cursor;
        var (watchlist, progress) = await ReadDeltaAsync(connection, transaction, user, deviceId, since, written.Head, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new SyncDelta(written.Head, fullResync, watchlist, progress);
    }

    /// <summary>The user's head before and after the writes, how far tombstones were collected, and the watchlist's titles before and after (0 and 0 without adds).</summary>
    private readonly record struct Written(long HeadBefore, long Head, long PrunedThrough, long ItemsBefore, long ItemsAfter);

    private static async Task<Written> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UserRef user, string deviceId, long? cursor,
        SyncBatch batch, CancellationToken cancellationToken)
    {
        await using var writes = new NpgsqlBatch(connection, transaction);
        var adds = batch.Adds.DistinctBy(a => a.Tag, StringComparer.Ordinal).ToList();
        if (adds.Count > 0)
        {
            // Adds count the list's titles before and after: the head row lock first, so both counts are exact.
            writes.BatchCommands.Add(UserCommand(WatchlistSql.LockHead, user));
        }

        // The head before this sync's writes: every cursor ever issued to the user's devices is at most this.
        writes.BatchCommands.Add(UserCommand(DeltaSyncSql.Head, user));
        if (adds.Count > 0)
        {
            writes.BatchCommands.Add(UserCommand(WatchlistSql.CountItems, user));
            // First of the writes, so "the head before this statement" is the head before this sync, against which
            // the cursor (what the device observed) is checked.
            writes.BatchCommands.Add(WatchlistSql.AddTags(user, adds, observedThrough: cursor ?? 0L));
        }

        if (batch.Progress.Count > 0)
        {
            var progress = batch.Progress
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ProgressWrite(user.TenantId, user.UserId, p.Key, p.Value))
                .ToList();
            writes.BatchCommands.Add(ProgressSql.UpsertCommand(progress));
        }

        if (batch.Removes.Count > 0)
        {
            var removes = batch.Removes
                .SelectMany(r => r.Tags.Select(tag => (Tag: tag, r.ContentId, r.Stamp)))
                .GroupBy(r => r.Tag, StringComparer.Ordinal)
                .Select(g => g.MaxBy(r => r.Stamp))
                .ToList();
            writes.BatchCommands.Add(WatchlistSql.RemoveTags(user, removes));
        }

        // The device holds everything up to the cursor it sent; a first sync (no cursor) holds nothing yet,
        // and from now on its tombstones wait for it.
        var acknowledge = UserCommand(DeltaSyncSql.Acknowledge, user);
        acknowledge.Parameters.AddValue(deviceId);
        acknowledge.Parameters.AddValue(cursor ?? 0L);
        writes.BatchCommands.Add(acknowledge);

        writes.BatchCommands.Add(UserCommand(DeltaSyncSql.Head, user));
        if (adds.Count > 0)
        {
            writes.BatchCommands.Add(UserCommand(WatchlistSql.CountItems, user));
        }

        await using var reader = await writes.ExecuteReaderAsync(cancellationToken);
        if (adds.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken);   // past the lock
        }

        await reader.ReadAsync(cancellationToken);
        var before = reader.GetInt64("head");
        var itemsBefore = 0L;
        if (adds.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            itemsBefore = reader.GetInt64("items");
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.SkipToRowsAsync(cancellationToken);   // the writes return nothing; the head comes next
        await reader.ReadAsync(cancellationToken);
        var (head, prunedThrough) = (reader.GetInt64("head"), reader.GetInt64("pruned_through"));
        var itemsAfter = 0L;
        if (adds.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            itemsAfter = reader.GetInt64("items");
        }

        return new Written(before, head, prunedThrough, itemsBefore, itemsAfter);
    }

    private static NpgsqlBatchCommand UserCommand(string sql, UserRef user)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddUser(user);
        return command;
    }

    // Rows changed after the cursor, leaving out what only this device changed. A full state ($5: no cursor, or
    // one older than the collected tombstones) is every live row, and no tombstones but those of the device's own
    // adds (it may hold those tags): the device replaces what it holds with it, so a removal needs no row, and a
    // user's whole removal history never travels.
    private static async Task<(List<WatchlistTagChange>, List<StoredProgress>)> ReadDeltaAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UserRef user, string deviceId, long? since, long head,
        CancellationToken cancellationToken)
    {
        await using var reads = new NpgsqlBatch(connection, transaction);
        var tags = new NpgsqlBatchCommand(DeltaSyncSql.WatchlistChanges);
        var progress = new NpgsqlBatchCommand(DeltaSyncSql.ProgressChanges);
        foreach (var command in new[] { tags, progress })
        {
            command.Parameters.AddUser(user);
            command.Parameters.AddValue(since ?? 0L);
            command.Parameters.AddValue(head);
            command.Parameters.AddValue(since is null);
            command.Parameters.AddValue(deviceId);
            reads.BatchCommands.Add(command);
        }

        var watchlist = new List<WatchlistTagChange>();
        var stored = new List<StoredProgress>();
        await using var reader = await reads.ExecuteReaderAsync(cancellationToken);
        // Ordinals once per result set, not per row: a full state can be thousands of rows.
        var tagColumns = new WatchlistSql.Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            watchlist.Add(WatchlistSql.Read(reader, tagColumns));
        }

        await reader.NextResultAsync(cancellationToken);
        var progressColumns = new ProgressSql.Ordinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(ProgressSql.Read(reader, progressColumns));
        }

        return (watchlist, stored);
    }
}
