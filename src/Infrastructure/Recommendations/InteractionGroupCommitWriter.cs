using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// Group commit for interactions: the apps send an event per play, like or completion, and a transaction with a
/// durable commit per event capped ingest near 1,000 events a second. The requests that arrive together are
/// written in one transaction: each user's profile locked once, every interaction inserted by one statement, each
/// taste folded and written once.
/// </summary>
internal sealed class InteractionGroupCommitWriter(
    NpgsqlDataSource dataSource, IOptions<InteractionWriterOptions> options, PostgresRetry retry, MediaGatewayMetrics metrics,
    ILogger<InteractionGroupCommitWriter> logger)
    : GroupCommitWriter<InteractionGroupCommitWriter.Write, RecordOutcome>("interactions", dataSource, options.Value, retry, metrics, logger)
{
    /// <summary>One request: a user's interactions, recorded all or none.</summary>
    internal sealed record Write(UserRef User, IReadOnlyList<NewInteraction> Interactions, string ModelId, TimeSpan HalfLife);

    public Task<RecordOutcome> RecordAsync(
        UserRef user, IReadOnlyList<NewInteraction> interactions, string modelId, TimeSpan halfLife, CancellationToken cancellationToken) =>
        EnqueueAsync(new Write(user, interactions, modelId, halfLife), cancellationToken);

    protected override int SizeOf(Write write) => write.Interactions.Count;

    /// <summary>
    /// Writes refused for an unknown title answer with its indexes and store nothing; the others are stored in one
    /// transaction. Safe to repeat after a failure: nothing commits until the end.
    /// </summary>
    protected override async Task<IReadOnlyList<RecordOutcome>> WriteBatchAsync(
        IReadOnlyList<Write> writes, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcomes = new RecordOutcome[writes.Count];
        var unknown = await UnknownEntitiesAsync(writes, connection, transaction, cancellationToken);
        foreach (var (write, indexes) in unknown)
        {
            outcomes[write] = new RecordOutcome(0, 0, indexes);
        }

        var accepted = Enumerable.Range(0, writes.Count).Where(w => !unknown.ContainsKey(w)).Select(w => writes[w]).ToList();
        if (accepted.Count == 0)
        {
            return outcomes;
        }

        var (profiles, stored) = await LockAndInsertAsync(accepted, connection, transaction, cancellationToken);

        // Each stored row is claimed by the first write that sent it; a write's other items were stored before (or
        // by an earlier write of this batch): duplicates.
        // Per user, the first write that stored something (its model and half-life fold the taste) and what to fold.
        var folded = new Dictionary<UserRef, (Write First, List<(double, DateTimeOffset, float[]?)> Interactions)>();
        for (var w = 0; w < writes.Count; w++)
        {
            if (outcomes[w] is not null)
            {
                continue;
            }

            var write = writes[w];
            var recorded = 0;
            foreach (var interaction in write.Interactions)
            {
                if (stored.Remove(KeyOf(write.User, interaction), out var row))
                {
                    recorded++;
                    if (!folded.TryGetValue(write.User, out var user))
                    {
                        folded[write.User] = user = (write, []);
                    }

                    var embedding = row.Model == write.ModelId ? row.Embedding : null;
                    user.Interactions.Add((interaction.Weight, Microseconds(interaction.OccurredAt), embedding));
                }
            }

            outcomes[w] = new RecordOutcome(recorded, write.Interactions.Count - recorded, []);
        }

        if (folded.Count > 0)
        {
            await using var updates = new NpgsqlBatch(connection, transaction);
            foreach (var (user, (first, interactions)) in folded)
            {
                // A user's writes in one batch share a model (it changes only with a re-embed): the first one's.
                var (taste, indexed) = profiles[user].TasteOf(first.ModelId);
                taste = StoredTastes.Fold(taste, interactions, first.HalfLife);
                updates.BatchCommands.Add(StoredTastes.Update(user, first.ModelId, taste, indexed));
            }

            await updates.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>For each write naming a title that is not in its tenant, the indexes of those items.</summary>
    private static async Task<Dictionary<int, List<int>>> UnknownEntitiesAsync(
        IReadOnlyList<Write> writes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var items = writes.SelectMany((write, w) => write.Interactions.Select((interaction, i) => (w, i, write.User.TenantId, interaction.EntityId))).ToList();
        await using var command = new NpgsqlCommand(InteractionSql.UnknownEntities, connection, transaction);
        command.Parameters.AddArray(NpgsqlDbType.Integer, items.Select(x => x.w).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, items.Select(x => x.i).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, items.Select(x => x.TenantId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Uuid, items.Select(x => x.EntityId).ToArray());
        var unknown = new Dictionary<int, List<int>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var write = reader.GetInt32(0);
            if (!unknown.TryGetValue(write, out var indexes))
            {
                unknown[write] = indexes = [];
            }

            indexes.Add(reader.GetInt32(1));
        }

        foreach (var indexes in unknown.Values)
        {
            indexes.Sort();
        }

        return unknown;
    }

    /// <summary>Locks every user's profile (creating it first), then inserts the interactions: one round trip.</summary>
    private static async Task<(Dictionary<UserRef, LockedProfile> Profiles, Dictionary<InteractionKey, StoredRow> Stored)> LockAndInsertAsync(
        List<Write> writes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var users = writes.Select(w => w.User).Distinct().ToList();
        var items = writes.SelectMany(w => w.Interactions.Select(i => (w.User, Interaction: i))).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddEnsureAndLock(batch, users);
        var insert = new NpgsqlBatchCommand(InteractionSql.Insert);
        insert.Parameters.AddArray(NpgsqlDbType.Text, items.Select(x => x.User.TenantId).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Text, items.Select(x => x.User.UserId).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Uuid, items.Select(x => x.Interaction.EntityId).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Text, items.Select(x => InteractionTypes.Names.Of(x.Interaction.Type)).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Double, items.Select(x => x.Interaction.Weight).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Smallint, items.Select(x => (short?)x.Interaction.Rating).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.TimestampTz, items.Select(x => Microseconds(x.Interaction.OccurredAt)).ToArray());
        insert.Parameters.AddArray(NpgsqlDbType.Text, items.Select(x => x.Interaction.EventId).ToArray());
        batch.BatchCommands.Add(insert);

        var profiles = new Dictionary<UserRef, LockedProfile>(users.Count);
        var stored = new Dictionary<InteractionKey, StoredRow>(items.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await ReadProfilesAsync(reader, profiles, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new InteractionKey(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4).UtcTicks);
                stored[key] = new StoredRow(reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<Vector>(6).ToArray());
            }
        }

        // A profile erased while this batch waited for its lock is gone; the erasure came first, so these
        // interactions start a new one.
        while (users.Where(u => !profiles.ContainsKey(u)).ToList() is { Count: > 0 } erased)
        {
            await using var again = new NpgsqlBatch(connection, transaction);
            AddEnsureAndLock(again, erased);
            await using var reader = await again.ExecuteReaderAsync(cancellationToken);
            await ReadProfilesAsync(reader, profiles, cancellationToken);
        }

        return (profiles, stored);
    }

    private static void AddEnsureAndLock(NpgsqlBatch batch, List<UserRef> users)
    {
        foreach (var sql in new[] { InteractionSql.EnsureProfiles, InteractionSql.LockProfiles })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddArray(NpgsqlDbType.Text, users.Select(u => u.TenantId).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, users.Select(u => u.UserId).ToArray());
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>Reads the locked profiles: the result after the ensure statement's.</summary>
    private static async Task ReadProfilesAsync(NpgsqlDataReader reader, Dictionary<UserRef, LockedProfile> profiles, CancellationToken cancellationToken)
    {
        await reader.SkipToRowsAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            profiles[new UserRef(reader.GetString(0), reader.GetString(1))] = LockedProfile.Read(reader, first: 2);
        }
    }

    private static InteractionKey KeyOf(UserRef user, NewInteraction interaction) => new(
        user.TenantId, user.UserId, interaction.EntityId, InteractionTypes.Names.Of(interaction.Type), Microseconds(interaction.OccurredAt).UtcTicks);

    /// <summary>The instant as Postgres stores it (whole microseconds), so that a stored row matches the item that sent it.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>The natural key of <c>interactions</c>: one statement stores at most one row per key.</summary>
    private readonly record struct InteractionKey(string TenantId, string UserId, Guid EntityId, string Type, long UtcTicks);

    private sealed record StoredRow(string? Model, float[]? Embedding);
}
