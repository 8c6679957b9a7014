using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// OR-Set tags in SQL. An add inserts its tag and never touches an existing one, so a tag that was removed
/// (even before its add arrived) stays removed. A remove marks exactly the tags it names, inserting a tombstone
/// for a tag not seen yet. Each statement takes its change numbers from the user's head in one call.
/// </summary>
internal static class WatchlistSql
{
    public const string Columns =
        "w.content_id, w.unique_tag, w.added_physical, w.added_logical, w.added_device, " +
        "w.is_removed, w.removed_physical, w.removed_logical, w.removed_device";

    /// <summary>Whether the title is already on the user's list: $1 tenant, $2 user, $3 content.</summary>
    public const string IsListed = """
        SELECT EXISTS (
            SELECT 1 FROM user_watchlists
            WHERE tenant_id = $1 AND user_id = $2 AND content_id = $3 AND NOT is_removed AND added_physical IS NOT NULL) AS listed
        """;

    /// <summary>
    /// Marks every live tag of a title removed (an observed remove): $1 tenant, $2 user, $3 content, then the
    /// remove's stamp: $4 physical, $5 logical, $6 device.
    /// </summary>
    public const string RemoveObserved = """
        UPDATE user_watchlists
        SET is_removed = true, removed_physical = $4, removed_logical = $5, removed_device = $6,
            removed_at = now(), change_seq = sync_take_seq($1, $2)
        WHERE tenant_id = $1 AND user_id = $2 AND content_id = $3 AND NOT is_removed
        """;

    /// <summary>A user's list, one row per title, most recently added first: $1 tenant, $2 user.</summary>
    public const string List = """
        SELECT content_id, added_at, device_id FROM effective_watchlists
        WHERE tenant_id = $1 AND user_id = $2
        ORDER BY added_physical DESC, added_logical DESC, content_id
        """;

    public static NpgsqlBatchCommand AddTags(UserRef user, IReadOnlyList<WatchlistAddOperation> adds)
    {
        // A CTE with a volatile function runs exactly once: one head update for the whole statement.
        var command = new NpgsqlBatchCommand("""
            WITH head AS (SELECT sync_take_seq($1, $2, cardinality($3::text[])) AS last)
            INSERT INTO user_watchlists (tenant_id, user_id, unique_tag, content_id, added_physical, added_logical,
                                         added_device, is_removed, change_seq)
            SELECT $1, $2, a.tag, a.content_id, a.hp, a.hl, a.dev, false, head.last - cardinality($3::text[]) + a.ord
            FROM head, unnest($3::text[], $4::text[], $5::bigint[], $6::int[], $7::text[]) WITH ORDINALITY AS a(tag, content_id, hp, hl, dev, ord)
            ON CONFLICT (tenant_id, user_id, unique_tag) DO NOTHING
            """);
        return WithTags(command, user, adds.Select(a => (a.Tag, a.ContentId, a.Stamp)).ToList());
    }

    /// <summary>One row per tag; a tag named by several removes keeps the latest remove's stamp.</summary>
    public static NpgsqlBatchCommand RemoveTags(UserRef user, IReadOnlyList<(string Tag, string ContentId, HybridTimestamp Stamp)> removes)
    {
        var command = new NpgsqlBatchCommand("""
            WITH head AS (SELECT sync_take_seq($1, $2, cardinality($3::text[])) AS last)
            INSERT INTO user_watchlists (tenant_id, user_id, unique_tag, content_id, is_removed, removed_physical,
                                         removed_logical, removed_device, removed_at, change_seq)
            SELECT $1, $2, r.tag, r.content_id, true, r.hp, r.hl, r.dev, now(), head.last - cardinality($3::text[]) + r.ord
            FROM head, unnest($3::text[], $4::text[], $5::bigint[], $6::int[], $7::text[]) WITH ORDINALITY AS r(tag, content_id, hp, hl, dev, ord)
            ON CONFLICT (tenant_id, user_id, unique_tag) DO UPDATE SET
                is_removed = true,
                removed_physical = EXCLUDED.removed_physical,
                removed_logical = EXCLUDED.removed_logical,
                removed_device = EXCLUDED.removed_device,
                removed_at = now(),
                change_seq = EXCLUDED.change_seq
            WHERE NOT user_watchlists.is_removed
            """);
        return WithTags(command, user, removes);
    }

    // $1 tenant, $2 user, then one array per column: tag, content, physical, logical, device.
    private static NpgsqlBatchCommand WithTags(
        NpgsqlBatchCommand command, UserRef user, IReadOnlyList<(string Tag, string ContentId, HybridTimestamp Stamp)> tags)
    {
        command.Parameters.AddUser(user);
        command.Parameters.AddArray(NpgsqlDbType.Text, tags.Select(t => t.Tag).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, tags.Select(t => t.ContentId).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Bigint, tags.Select(t => t.Stamp.PhysicalMs).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Integer, tags.Select(t => t.Stamp.Logical).ToArray());
        command.Parameters.AddArray(NpgsqlDbType.Text, tags.Select(t => t.Stamp.NodeId).ToArray());
        return command;
    }

    /// <summary>Where <see cref="Columns"/> sit in a result set, looked up by name once per result set (delta sync reads many rows).</summary>
    public readonly struct Ordinals(NpgsqlDataReader reader)
    {
        public int ContentId { get; } = reader.GetOrdinal("content_id");
        public int UniqueTag { get; } = reader.GetOrdinal("unique_tag");
        public int AddedPhysical { get; } = reader.GetOrdinal("added_physical");
        public int AddedLogical { get; } = reader.GetOrdinal("added_logical");
        public int AddedDevice { get; } = reader.GetOrdinal("added_device");
        public int IsRemoved { get; } = reader.GetOrdinal("is_removed");
        public int RemovedPhysical { get; } = reader.GetOrdinal("removed_physical");
        public int RemovedLogical { get; } = reader.GetOrdinal("removed_logical");
        public int RemovedDevice { get; } = reader.GetOrdinal("removed_device");
    }

    /// <summary>Reads the current row's <see cref="Columns"/>, found at <paramref name="column"/>.</summary>
    public static WatchlistTagChange Read(NpgsqlDataReader reader, in Ordinals column)
    {
        HybridTimestamp? added = reader.IsDBNull(column.AddedPhysical)
            ? null
            : new HybridTimestamp(reader.GetInt64(column.AddedPhysical), reader.GetInt32(column.AddedLogical), reader.GetString(column.AddedDevice));
        HybridTimestamp? removed = reader.GetBoolean(column.IsRemoved)
            ? new HybridTimestamp(reader.GetInt64(column.RemovedPhysical), reader.GetInt32(column.RemovedLogical), reader.GetString(column.RemovedDevice))
            : null;
        return new WatchlistTagChange(reader.GetString(column.ContentId), reader.GetString(column.UniqueTag), added, removed);
    }
}
