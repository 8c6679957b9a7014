using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Watchlist;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Npgsql;

namespace MediaGateway.Infrastructure.Sync;

internal sealed class PostgresWatchlistStore(NpgsqlDataSource dataSource) : IWatchlistStore
{
    public async Task<bool> AddAsync(UserRef user, string contentId, string tag, HybridTimestamp stamp, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var listed = new NpgsqlBatchCommand("""
            SELECT EXISTS (SELECT 1 FROM user_watchlists
                           WHERE tenant_id = $1 AND user_id = $2 AND content_id = $3 AND NOT is_removed AND added_physical IS NOT NULL)
            """);
        listed.Parameters.AddUser(user);
        listed.Parameters.AddValue(contentId);
        batch.BatchCommands.Add(listed);
        batch.BatchCommands.Add(WatchlistSql.AddTags(user, [new WatchlistAddOperation(contentId, tag, stamp)]));
        // An implicit transaction spans the batch: the answer and the insert are one atomic step.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(0);
    }

    public async Task<int> RemoveObservedAsync(UserRef user, string contentId, HybridTimestamp stamp, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE user_watchlists
            SET is_removed = true, removed_physical = $4, removed_logical = $5, removed_device = $6,
                removed_at = now(), change_seq = sync_take_seq($1, $2)
            WHERE tenant_id = $1 AND user_id = $2 AND content_id = $3 AND NOT is_removed
            """);
        command.Parameters.AddUser(user);
        command.Parameters.AddValue(contentId);
        command.Parameters.AddValue(stamp.PhysicalMs);
        command.Parameters.AddValue(stamp.Logical);
        command.Parameters.AddValue(stamp.NodeId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WatchlistEntry>> ListAsync(UserRef user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT content_id, added_at, device_id FROM effective_watchlists
            WHERE tenant_id = $1 AND user_id = $2
            ORDER BY added_physical DESC, added_logical DESC, content_id
            """);
        command.Parameters.AddUser(user);
        var entries = new List<WatchlistEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new WatchlistEntry(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }

        return entries;
    }
}
