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
    public async Task<WatchlistAddOutcome> AddAsync(
        UserRef user, string contentId, string tag, HybridTimestamp stamp, int maxItems, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The head row lock first (as every writer takes it), then the count: a concurrent add cannot slip past the limit.
        bool listed;
        long items;
        await using (var state = new NpgsqlBatch(connection, transaction))
        {
            var lockHead = new NpgsqlBatchCommand(WatchlistSql.LockHead);
            lockHead.Parameters.AddUser(user);
            var count = new NpgsqlBatchCommand(WatchlistSql.ListedAndCount);
            count.Parameters.AddUser(user);
            count.Parameters.AddValue(contentId);
            state.BatchCommands.Add(lockHead);
            state.BatchCommands.Add(count);
            await using var reader = await state.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (listed, items) = (reader.GetBoolean("listed"), reader.GetInt64("items"));
        }

        if (!listed && items >= maxItems)
        {
            return WatchlistAddOutcome.ListFull;   // rolled back: not even the head row of a new user stays
        }

        // This request observes everything stored now: the add replaces the title's live tags.
        await using (var add = new NpgsqlBatch(connection, transaction))
        {
            add.BatchCommands.Add(WatchlistSql.AddTags(user, [new WatchlistAddOperation(contentId, tag, stamp)], observedThrough: null));
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return listed ? WatchlistAddOutcome.AlreadyListed : WatchlistAddOutcome.Added;
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
