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

    public static WatchlistTagChange Read(NpgsqlDataReader reader)
    {
        HybridTimestamp? added = reader.IsDBNull(2)
            ? null
            : new HybridTimestamp(reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4));
        HybridTimestamp? removed = reader.GetBoolean(5)
            ? new HybridTimestamp(reader.GetInt64(6), reader.GetInt32(7), reader.GetString(8))
            : null;
        return new WatchlistTagChange(reader.GetString(0), reader.GetString(1), added, removed);
    }
}
