using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Sync;
using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>One title's incoming progress for one user, as the set-based upsert takes it.</summary>
internal sealed record ProgressWrite(string TenantId, string UserId, string ContentId, ContentProgress Progress);

/// <summary>
/// The progress upsert, with LWW enforced by Postgres: each register (position, completion) changes only when
/// the incoming (physical, logical, device) stamp is greater; a stale write changes nothing and is not returned.
/// Every write takes one of the user's change numbers, which delta sync reads.
/// </summary>
internal static class ProgressSql
{
    public const string Columns =
        "p.content_id, p.position_seconds, p.duration_seconds, p.state, p.hlc_physical, p.hlc_logical, p.device_id, " +
        "p.completed, p.completed_physical, p.completed_logical, p.completed_device, p.updated_at, p.change_seq";

    private const string PositionNewer =
        "(p.hlc_physical, p.hlc_logical, p.device_id) < (EXCLUDED.hlc_physical, EXCLUDED.hlc_logical, EXCLUDED.device_id)";

    private const string CompletionNewer =
        "(EXCLUDED.completed_physical IS NOT NULL AND (p.completed_physical IS NULL OR " +
        "(p.completed_physical, p.completed_logical, p.completed_device) < " +
        "(EXCLUDED.completed_physical, EXCLUDED.completed_logical, EXCLUDED.completed_device)))";

    // Change numbers are taken once per user for the whole batch (one head update, not one per row), then
    // handed out in input order; the head row lock is held until commit.
    public const string Upsert = $"""
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::bigint[],
                                 $8::int[], $9::text[], $10::bool[], $11::bigint[], $12::int[], $13::text[])
                 WITH ORDINALITY AS i(t, u, c, pos, dur, st, hp, hl, dev, comp, cp, cl, cd, ord)),
        heads AS (
            INSERT INTO sync_heads AS h (tenant_id, user_id, seq, pruned_through)
            SELECT t, u, count(*), 0 FROM input GROUP BY t, u ORDER BY t, u
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET seq = h.seq + EXCLUDED.seq
            RETURNING h.tenant_id, h.user_id, h.seq)
        INSERT INTO user_progress AS p (tenant_id, user_id, content_id, position_seconds, duration_seconds, state,
            hlc_physical, hlc_logical, device_id, completed, completed_physical, completed_logical, completed_device,
            change_seq, updated_at)
        SELECT i.t, i.u, i.c, i.pos, i.dur, i.st, i.hp, i.hl, i.dev, COALESCE(i.comp, false), i.cp, i.cl, i.cd,
               hd.seq - count(*) OVER w + row_number() OVER (w ORDER BY i.ord), now()
        FROM input i JOIN heads hd ON hd.tenant_id = i.t AND hd.user_id = i.u
        WINDOW w AS (PARTITION BY i.t, i.u)
        ORDER BY i.ord
        ON CONFLICT (tenant_id, user_id, content_id) DO UPDATE SET
            position_seconds = CASE WHEN {PositionNewer} THEN EXCLUDED.position_seconds ELSE p.position_seconds END,
            duration_seconds = CASE WHEN {PositionNewer} THEN EXCLUDED.duration_seconds ELSE p.duration_seconds END,
            state = CASE WHEN {PositionNewer} THEN EXCLUDED.state ELSE p.state END,
            hlc_physical = CASE WHEN {PositionNewer} THEN EXCLUDED.hlc_physical ELSE p.hlc_physical END,
            hlc_logical = CASE WHEN {PositionNewer} THEN EXCLUDED.hlc_logical ELSE p.hlc_logical END,
            device_id = CASE WHEN {PositionNewer} THEN EXCLUDED.device_id ELSE p.device_id END,
            completed = CASE WHEN {CompletionNewer} THEN EXCLUDED.completed ELSE p.completed END,
            completed_physical = CASE WHEN {CompletionNewer} THEN EXCLUDED.completed_physical ELSE p.completed_physical END,
            completed_logical = CASE WHEN {CompletionNewer} THEN EXCLUDED.completed_logical ELSE p.completed_logical END,
            completed_device = CASE WHEN {CompletionNewer} THEN EXCLUDED.completed_device ELSE p.completed_device END,
            change_seq = EXCLUDED.change_seq,
            updated_at = now()
        WHERE {PositionNewer} OR {CompletionNewer}
        """;

    /// <summary>
    /// The upsert, answering with the row of every write that won. A write that lost changed nothing, so it has
    /// no row here: <see cref="SelectKeys"/> reads what beat it.
    /// </summary>
    public const string UpsertReturning = $"{Upsert}\nRETURNING p.tenant_id, p.user_id, {Columns}";

    /// <summary>One title's stored row: $1 tenant, $2 user, $3 content.</summary>
    public const string Find = $"""
        SELECT {Columns} FROM user_progress p WHERE p.tenant_id = $1 AND p.user_id = $2 AND p.content_id = $3
        """;

    /// <summary>A user's live rows, most recently updated first: $1 tenant, $2 user.</summary>
    public const string List = $"""
        SELECT {Columns} FROM user_progress p
        WHERE p.tenant_id = $1 AND p.user_id = $2 AND p.position_seconds IS NOT NULL ORDER BY p.updated_at DESC, p.content_id
        """;

    /// <summary>What is stored for the given keys.</summary>
    public const string SelectKeys = $"""
        SELECT p.tenant_id, p.user_id, {Columns}
        FROM user_progress p
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(t, u, c)
          ON p.tenant_id = k.t AND p.user_id = k.u AND p.content_id = k.c
        """;

    /// <summary>
    /// The upsert for <paramref name="writes"/>: one per key, in key order, so concurrent writers lock rows in one
    /// order. With <paramref name="returning"/>, the rows that changed come back (<see cref="UpsertReturning"/>).
    /// </summary>
    public static NpgsqlBatchCommand UpsertCommand(IReadOnlyList<ProgressWrite> writes, bool returning = false)
    {
        var command = new NpgsqlBatchCommand(returning ? UpsertReturning : Upsert);
        var position = writes.Select(w => w.Progress.Position).ToArray();
        var completion = writes.Select(w => w.Progress.Completion).ToArray();
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.TenantId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.UserId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.ContentId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, position.Select(p => p.Value?.PositionSeconds).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, position.Select(p => p.Value?.DurationSeconds).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, position.Select(p => p.Value is null ? null : PlaybackStates.Names.Of(p.Value.State)).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Bigint, position.Select(p => p.Stamp.PhysicalMs).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, position.Select(p => p.Stamp.Logical).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, position.Select(p => p.Stamp.NodeId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Boolean, completion.Select(c => c?.Value).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Bigint, completion.Select(c => c?.Stamp.PhysicalMs).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, completion.Select(c => c?.Stamp.Logical).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, completion.Select(c => c?.Stamp.NodeId).ToArray());
        return command;
    }

    public static NpgsqlBatchCommand SelectKeysCommand(IReadOnlyList<ProgressWrite> writes)
    {
        var command = new NpgsqlBatchCommand(SelectKeys);
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.TenantId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.UserId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, writes.Select(w => w.ContentId).ToArray());
        return command;
    }

    /// <summary>
    /// Where <see cref="Columns"/> sit in a result set, looked up by name once per result set: the flush and delta
    /// sync read many rows, and a name lookup per column per row would cost on those hot paths.
    /// </summary>
    public readonly struct Ordinals(NpgsqlDataReader reader)
    {
        public int ContentId { get; } = reader.GetOrdinal("content_id");
        public int PositionSeconds { get; } = reader.GetOrdinal("position_seconds");
        public int DurationSeconds { get; } = reader.GetOrdinal("duration_seconds");
        public int State { get; } = reader.GetOrdinal("state");
        public int HlcPhysical { get; } = reader.GetOrdinal("hlc_physical");
        public int HlcLogical { get; } = reader.GetOrdinal("hlc_logical");
        public int DeviceId { get; } = reader.GetOrdinal("device_id");
        public int Completed { get; } = reader.GetOrdinal("completed");
        public int CompletedPhysical { get; } = reader.GetOrdinal("completed_physical");
        public int CompletedLogical { get; } = reader.GetOrdinal("completed_logical");
        public int CompletedDevice { get; } = reader.GetOrdinal("completed_device");
        public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
    }

    /// <summary>Reads the current row's <see cref="Columns"/>, found at <paramref name="column"/>.</summary>
    public static StoredProgress Read(NpgsqlDataReader reader, in Ordinals column)
    {
        var positionStamp = new HybridTimestamp(
            reader.GetInt64(column.HlcPhysical), reader.GetInt32(column.HlcLogical), reader.GetString(column.DeviceId));
        PlaybackPosition? position = reader.IsDBNull(column.PositionSeconds)
            ? null
            : new PlaybackPosition(
                reader.GetInt32(column.PositionSeconds), reader.GetInt32(column.DurationSeconds), PlaybackStates.Names.Parse(reader.GetString(column.State)));
        LwwRegister<bool>? completion = reader.IsDBNull(column.CompletedPhysical)
            ? null
            : new LwwRegister<bool>(reader.GetBoolean(column.Completed), new HybridTimestamp(
                reader.GetInt64(column.CompletedPhysical), reader.GetInt32(column.CompletedLogical), reader.GetString(column.CompletedDevice)));
        return new StoredProgress(
            reader.GetString(column.ContentId),
            new ContentProgress(new LwwRegister<PlaybackPosition?>(position, positionStamp), completion),
            reader.GetFieldValue<DateTimeOffset>(column.UpdatedAt));
    }

}
