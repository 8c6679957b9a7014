using System.Data;
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
        var listed = new NpgsqlBatchCommand(WatchlistSql.IsListed);
        listed.Parameters.AddUser(user);
        listed.Parameters.AddValue(contentId);
        batch.BatchCommands.Add(listed);
        batch.BatchCommands.Add(WatchlistSql.AddTags(user, [new WatchlistAddOperation(contentId, tag, stamp)]));
        // An implicit transaction spans the batch: the answer and the insert are one atomic step.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean("listed");
    }

    public async Task<int> RemoveObservedAsync(UserRef user, string contentId, HybridTimestamp stamp, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(WatchlistSql.RemoveObserved);
        command.Parameters.AddUser(user);
        command.Parameters.AddValue(contentId);
        command.Parameters.AddValue(stamp.PhysicalMs);
        command.Parameters.AddValue(stamp.Logical);
        command.Parameters.AddValue(stamp.NodeId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WatchlistEntry>> ListAsync(UserRef user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(WatchlistSql.List);
        command.Parameters.AddUser(user);
        var entries = new List<WatchlistEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (contentId, addedAt, deviceId) = (reader.GetOrdinal("content_id"), reader.GetOrdinal("added_at"), reader.GetOrdinal("device_id"));
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new WatchlistEntry(reader.GetString(contentId), reader.GetFieldValue<DateTimeOffset>(addedAt), reader.GetString(deviceId)));
        }

        return entries;
    }
}
