using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Platform.Postgres;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Polly;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// Interactions and taste profiles in Postgres. Recording goes through the group-commit writer, which locks the
/// profile, stores the interactions and folds the taste in one transaction with the other requests of the moment.
/// </summary>
internal sealed class PostgresInteractionStore(InteractionGroupCommitWriter writer, NpgsqlDataSource dataSource, PostgresRetry retry)
    : IInteractionStore
{
    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public Task<RecordOutcome> RecordAsync(
        UserRef user, IReadOnlyList<NewInteraction> interactions, string modelId, TimeSpan halfLife, CancellationToken cancellationToken) =>
        writer.RecordAsync(user, interactions, modelId, halfLife, cancellationToken);

    public Task<IReadOnlyList<string>> UsersWithTasteNotOfAsync(
        string tenantId, string modelId, string? afterUserId, int count, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync<IReadOnlyList<string>>(async ct =>
        {
            await using var command = dataSource.CreateCommand(InteractionSql.UsersWithTasteNotOf);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(modelId);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)afterUserId ?? DBNull.Value });
            command.Parameters.AddValue(count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var users = new List<string>(count);
            while (await reader.ReadAsync(ct))
            {
                users.Add(reader.GetString(0));
            }

            return users;
        }, cancellationToken).AsTask();

    public Task RebuildTasteAsync(UserRef user, string modelId, TimeSpan halfLife, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(UserCommand(InteractionSql.LockProfile, user));
            var history = UserCommand(InteractionSql.History, user);
            history.Parameters.AddValue(modelId);
            batch.BatchCommands.Add(history);
            var interactions = new List<(double Weight, DateTimeOffset OccurredAt, float[]? Embedding)>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    return;   // erased meanwhile
                }

                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    interactions.Add((reader.GetDouble(0), reader.GetFieldValue<DateTimeOffset>(1),
                        reader.IsDBNull(2) ? null : reader.GetFieldValue<Vector>(2).ToArray()));
                }
            }

            var taste = StoredTastes.Fold(TasteProfile.Empty, interactions, halfLife);
            await using var update = new NpgsqlBatch(connection, transaction) { BatchCommands = { StoredTastes.Update(user, modelId, taste, indexed: null) } };
            await update.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken).AsTask();

    public Task<int> EraseAsync(UserRef user, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            // The profile's lock first, as recording takes it: an interaction being recorded finishes before, or
            // starts after, the erasure, never half of each.
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(UserCommand(InteractionSql.LockProfileForErasure, user));
            var interactions = UserCommand(InteractionSql.DeleteInteractions, user);
            batch.BatchCommands.Add(interactions);
            batch.BatchCommands.Add(UserCommand(InteractionSql.DeleteProfile, user));
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return interactions.RecordsAffected;
        }, cancellationToken).AsTask();

    private static NpgsqlBatchCommand UserCommand(string sql, UserRef user)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddUser(user);
        return command;
    }
}
