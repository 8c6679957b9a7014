using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Postgres;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Merges and splits on Postgres: each one transaction that locks the entities it touches (in id order), applies
/// <see cref="EntityMerge"/>'s rules to them as locked, moves the mappings and records the change. A deadlock
/// with a concurrent resolution rolls back and is retried by <see cref="PostgresRetry"/>.
/// </summary>
internal sealed class PostgresEntityChangeStore(NpgsqlDataSource dataSource, PostgresRetry retry) : IEntityChangeStore
{
    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public Task<MergeOutcome> MergeAsync(string tenantId, Guid sourceId, Guid targetId, string actor, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var locked = await LockAsync(connection, transaction, tenantId, [sourceId, targetId], ct);
            if (!locked.TryGetValue(sourceId, out var sourceMergedInto))
            {
                return new MergeOutcome(MergeDecision.Merge, sourceId, null, null, []);
            }

            if (!locked.TryGetValue(targetId, out var targetMergedInto))
            {
                return new MergeOutcome(MergeDecision.Merge, targetId, null, null, []);
            }

            var decision = EntityMerge.Decide(sourceId, sourceMergedInto, targetId, targetMergedInto);
            if (decision != MergeDecision.Merge)
            {
                return new MergeOutcome(decision, null, sourceMergedInto, targetMergedInto, []);
            }

            await using var merge = new NpgsqlCommand(EntityChangeSql.Merge, connection, transaction);
            merge.Parameters.AddValue(tenantId);
            merge.Parameters.AddValue(sourceId);
            merge.Parameters.AddValue(targetId);
            merge.Parameters.AddValue(actor);
            var moved = await ReadMappingsAsync(merge, ct);
            await transaction.CommitAsync(ct);
            return new MergeOutcome(decision, null, sourceMergedInto, targetMergedInto, moved);
        }, cancellationToken).AsTask();

    public Task<SplitOutcome> SplitAsync(
        string tenantId, Guid entityId, Guid newEntityId, IReadOnlyCollection<ExternalId> ids, string actor, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // The entity's lock keeps its ids as read here until commit: only a merge or split moves a mapping, and
            // both take it; a new mapping of the entity waits for it too (its foreign key check).
            var locked = await LockAsync(connection, transaction, tenantId, [entityId], ct);
            if (!locked.TryGetValue(entityId, out var mergedInto))
            {
                return new SplitOutcome(false, SplitDecision.Split, null, [], []);
            }

            var current = new HashSet<ExternalId>();
            await using (var read = new NpgsqlCommand(EntityChangeSql.EntityIds, connection, transaction))
            {
                read.Parameters.AddValue(tenantId);
                read.Parameters.AddValue(entityId);
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    current.Add(ExternalId.FromCanonical(EntitySql.ParseType(reader.GetString(0)), reader.GetString(1)));
                }
            }

            var decision = EntityMerge.DecideSplit(mergedInto, current, ids, out var notOnEntity);
            if (decision != SplitDecision.Split)
            {
                return new SplitOutcome(true, decision, mergedInto, notOnEntity, []);
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            var copy = new NpgsqlBatchCommand(EntityChangeSql.CopyEntity);
            copy.Parameters.AddValue(tenantId);
            copy.Parameters.AddValue(entityId);
            copy.Parameters.AddValue(newEntityId);
            var split = new NpgsqlBatchCommand(EntityChangeSql.Split);
            split.Parameters.AddValue(tenantId);
            split.Parameters.AddValue(entityId);
            split.Parameters.AddValue(newEntityId);
            split.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => CatalogNames.Of(id.Type)).ToArray());
            split.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => id.Value).ToArray());
            split.Parameters.AddValue(actor);
            batch.BatchCommands.Add(copy);
            batch.BatchCommands.Add(split);
            // The copied title's bands go into their index now, as resolution's new titles do.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(EntitySql.FlushTitleIndex));
            var moved = new List<KnownMapping>(ids.Count);
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.SkipToRowsAsync(ct);
                var columns = new EntitySql.MappingOrdinals(reader);
                while (await reader.ReadAsync(ct))
                {
                    moved.Add(EntitySql.ReadMapping(reader, columns));
                }
            }

            await transaction.CommitAsync(ct);
            return new SplitOutcome(true, decision, null, [], moved);
        }, cancellationToken).AsTask();

    public Task<IReadOnlyList<EntityChange>?> ListChangesAsync(string tenantId, Guid entityId, int limit, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync<IReadOnlyList<EntityChange>?>(async ct =>
        {
            await using var batch = dataSource.CreateBatch();
            var exists = new NpgsqlBatchCommand(EntityChangeSql.EntityExists);
            exists.Parameters.AddValue(tenantId);
            exists.Parameters.AddValue(entityId);
            var list = new NpgsqlBatchCommand(EntityChangeSql.ListChanges);
            list.Parameters.AddValue(tenantId);
            list.Parameters.AddValue(entityId);
            list.Parameters.AddValue(limit);
            batch.BatchCommands.Add(exists);
            batch.BatchCommands.Add(list);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || !reader.GetBoolean(0))
            {
                return null;
            }

            await reader.NextResultAsync(ct);
            var changes = new List<EntityChange>();
            while (await reader.ReadAsync(ct))
            {
                changes.Add(new EntityChange(
                    reader.GetInt64(0),
                    reader.GetString(1) == "merge" ? EntityChangeKind.Merge : EntityChangeKind.Split,
                    reader.GetGuid(2), reader.GetGuid(3),
                    reader.GetFieldValue<string[]>(4).Select(ParseStoredId).ToList(),
                    reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }

            return changes;
        }, cancellationToken).AsTask();

    /// <summary>Locks the entities in id order; where each of those the tenant has redirects to (null for a live one).</summary>
    private static async Task<Dictionary<Guid, Guid?>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EntityChangeSql.LockEntities, connection, transaction);
        command.Parameters.AddValue(tenantId);
        command.Parameters.AddArray(NpgsqlDbType.Uuid, ids.Distinct().ToArray());
        var locked = new Dictionary<Guid, Guid?>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            locked[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
        }

        return locked;
    }

    private static async Task<List<KnownMapping>> ReadMappingsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var mappings = new List<KnownMapping>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new EntitySql.MappingOrdinals(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            mappings.Add(EntitySql.ReadMapping(reader, columns));
        }

        return mappings;
    }

    /// <summary>An id as entity_changes stores it: <c>type:canonical value</c> (no type name holds a colon).</summary>
    private static ExternalId ParseStoredId(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        return ExternalId.FromCanonical(EntitySql.ParseType(stored[..colon]), stored[(colon + 1)..]);
    }
}
