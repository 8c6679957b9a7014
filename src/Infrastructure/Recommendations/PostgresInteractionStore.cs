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
/// Records interactions and keeps the taste profile in step, in one transaction per request: two round trips
/// (lock the profile, store the interactions and read their titles' embeddings; then write the profile and commit).
/// </summary>
internal sealed class PostgresInteractionStore(NpgsqlDataSource dataSource, PostgresRetry retry) : IInteractionStore
{
    /// <summary>Cosine distance between the taste and its indexed copy that makes the copy be rewritten.</summary>
    internal const double IndexedTasteMaxDrift = 0.02;

    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public Task<RecordOutcome> RecordAsync(
        UserRef user, IReadOnlyList<NewInteraction> interactions, string modelId, TimeSpan halfLife, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(UserCommand(InteractionSql.EnsureProfile, user));
            batch.BatchCommands.Add(UserCommand(InteractionSql.LockProfile, user));
            var unknown = UserCommand(InteractionSql.UnknownEntities, user);
            unknown.Parameters.AddArray(NpgsqlDbType.Uuid, interactions.Select(i => i.EntityId).ToArray());
            batch.BatchCommands.Add(unknown);
            var insert = UserCommand(InteractionSql.Insert, user);
            insert.Parameters.AddArray(NpgsqlDbType.Uuid, interactions.Select(i => i.EntityId).ToArray());
            insert.Parameters.AddArray(NpgsqlDbType.Text, interactions.Select(i => InteractionTypes.Names.Of(i.Type)).ToArray());
            insert.Parameters.AddArray(NpgsqlDbType.Double, interactions.Select(i => i.Weight).ToArray());
            insert.Parameters.AddArray(NpgsqlDbType.Smallint, interactions.Select(i => (short?)i.Rating).ToArray());
            insert.Parameters.AddArray(NpgsqlDbType.TimestampTz, interactions.Select(i => i.OccurredAt).ToArray());
            insert.Parameters.AddArray(NpgsqlDbType.Text, interactions.Select(i => i.EventId).ToArray());
            insert.Parameters.AddValue(modelId);
            batch.BatchCommands.Add(insert);

            TasteProfile profile;
            float[]? indexed;
            var unknownIndexes = new List<int>();
            var stored = new List<(double Weight, DateTimeOffset OccurredAt, float[]? Embedding)>(interactions.Count);
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.SkipToRowsAsync(ct);
                await reader.ReadAsync(ct);
                (profile, indexed) = ReadProfile(reader, modelId);
                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    unknownIndexes.Add(reader.GetInt32(0));
                }

                await reader.NextResultAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    stored.Add((reader.GetDouble(0), reader.GetFieldValue<DateTimeOffset>(1),
                        reader.IsDBNull(2) ? null : reader.GetFieldValue<Vector>(2).ToArray()));
                }
            }

            if (unknownIndexes.Count > 0)
            {
                await transaction.RollbackAsync(ct);
                return new RecordOutcome(0, 0, unknownIndexes);
            }

            if (stored.Count > 0)
            {
                await UpdateProfileAsync(connection, transaction, user, modelId, Fold(profile, stored, halfLife), indexed, ct);
            }

            await transaction.CommitAsync(ct);
            return new RecordOutcome(stored.Count, interactions.Count - stored.Count, []);
        }, cancellationToken).AsTask();

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

            await UpdateProfileAsync(connection, transaction, user, modelId, Fold(TasteProfile.Empty, interactions, halfLife), indexed: null, ct);
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

    private static TasteProfile Fold(
        TasteProfile profile, IEnumerable<(double Weight, DateTimeOffset OccurredAt, float[]? Embedding)> interactions, TimeSpan halfLife)
    {
        foreach (var (weight, occurredAt, embedding) in interactions)
        {
            // A title not embedded by the tenant's model says nothing about taste yet; it still counts.
            profile = embedding is null ? profile.CountOnly() : profile.Add(embedding, weight, occurredAt, halfLife);
        }

        return profile;
    }

    /// <summary>
    /// Writes the taste; the indexed copy only when it is missing or has drifted more than
    /// <see cref="IndexedTasteMaxDrift"/> from the taste. Rewriting an HNSW-indexed vector on every interaction
    /// inserted a graph node each time (a few milliseconds of CPU): one event per request ran at 240 per second.
    /// </summary>
    private static async Task UpdateProfileAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UserRef user, string modelId, TasteProfile profile, float[]? indexed,
        CancellationToken ct)
    {
        var refreshIndexed = indexed is null || profile.Mean is null || 1 - VectorMath.Cosine(indexed, profile.Mean) > IndexedTasteMaxDrift;
        await using var update = new NpgsqlCommand(InteractionSql.UpdateProfile, connection, transaction);
        update.Parameters.AddUser(user);
        update.Parameters.Add(new NpgsqlParameter { DataTypeName = "vector", Value = profile.Mean is { } mean ? new Vector(mean) : DBNull.Value });
        update.Parameters.AddValue(modelId);
        update.Parameters.AddValue(profile.WeightTotal);
        update.Parameters.AddValue(profile.AsOf);
        update.Parameters.AddValue(profile.InteractionCount);
        update.Parameters.AddValue(refreshIndexed);
        await update.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The locked profile and its indexed copy; a vector of another model is dropped (never mixed with this
    /// model's), the count kept.
    /// </summary>
    private static (TasteProfile Profile, float[]? Indexed) ReadProfile(NpgsqlDataReader reader, string modelId)
    {
        var count = reader.GetInt32(4);
        if (reader.IsDBNull(1) || reader.GetString(1) != modelId)
        {
            return (TasteProfile.Empty with { InteractionCount = count }, null);
        }

        var mean = reader.IsDBNull(0) ? null : reader.GetFieldValue<Vector>(0).ToArray();
        var indexed = reader.IsDBNull(5) ? null : reader.GetFieldValue<Vector>(5).ToArray();
        return (new TasteProfile(mean, reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3), count), indexed);
    }

    private static NpgsqlBatchCommand UserCommand(string sql, UserRef user)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddUser(user);
        return command;
    }
}
