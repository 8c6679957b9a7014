using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// OR-Set tags in SQL. An add inserts its tag and never revives an existing one, so a tag that was removed
/// (even before its add arrived) stays removed; it replaces the tags of its title its device had observed. A remove
/// marks exactly the tags it names, inserting a tombstone for a tag not seen yet. Each statement takes its change
/// numbers from the user's head in one call.
/// </summary>
internal static class WatchlistSql
{
    public const string Columns =
        "w.content_id, w.unique_tag, w.added_physical, w.added_logical, w.added_device, " +
        "w.is_removed, w.removed_physical, w.removed_logical, w.removed_device";

    /// <summary>
    /// Takes the user's head row lock without taking a change number (creating the row for a new user), as every writer
    /// locks it first: what the next statements count cannot change until commit. $1 tenant, $2 user.
    /// </summary>
    public const string LockHead = "SELECT sync_take_seq($1, $2, 0) AS head";

    /// <summary>
    /// Titles on the user's list: $1 tenant, $2 user. A live row always has its add (only removes arrive without one),
    /// so the partial index of live rows answers it alone.
    /// </summary>
    public const string CountItems = """
        SELECT count(DISTINCT content_id) AS items FROM user_watchlists
        WHERE tenant_id = $1 AND user_id = $2 AND NOT is_removed
        """;

    /// <summary>Whether the title is already on the user's list, and how many titles the list holds: $1 tenant, $2 user, $3 content.</summary>
    public const string ListedAndCount = $"""
        SELECT EXISTS (
                   SELECT 1 FROM user_watchlists
                   WHERE tenant_id = $1 AND user_id = $2 AND content_id = $3 AND NOT is_removed AND added_physical IS NOT NULL) AS listed,
               ({CountItems}) AS items
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

    /// <summary>
    /// Inserts the adds' tags, and each add replaces the live tags of its title that its device had observed: they are
    /// marked removed in the same statement, with the add's stamp and the node <see cref="WatchlistTag.ReplacedByServer"/>,
    /// so every device (the adding one too) receives the remove. That is an observed remove followed by an add, so OR-Set
    /// semantics hold: the title stays listed under the new tag, an add the device had not seen keeps its own tag (add
    /// wins), and a title's live tags stay about one per adding device instead of one per add.
    /// </summary>
    /// <param name="observedThrough">
    /// The device's cursor: it holds every live tag numbered up to it (0 for none). Null for a request that observes
    /// everything stored now (the REST add). A cursor beyond the head before this statement was never issued: nothing
    /// is taken as observed then.
    /// </param>
    /// <remarks>
    /// Only an add applied now replaces (a replayed add whose tag is stored already does nothing). Several new adds of one
    /// title in one batch: the newest stays live and the others are stored removed, as if applied one after the other.
    /// The UPDATE sees only rows stored before this statement, so it never touches the rows this statement inserts.
    /// </remarks>
    public static NpgsqlBatchCommand AddTags(UserRef user, IReadOnlyList<WatchlistAddOperation> adds, long? observedThrough)
    {
        // A CTE with a volatile function runs exactly once: one head update for the whole statement.
        var command = WithTags(new NpgsqlBatchCommand("""
            WITH head AS (SELECT sync_take_seq($1, $2, cardinality($3::text[])) AS last),
            incoming AS (
                SELECT a.tag, a.content_id, a.hp, a.hl, a.dev, head.last - cardinality($3::text[]) + a.ord AS seq,
                       CASE WHEN $8::bigint IS NULL OR $8::bigint <= head.last - cardinality($3::text[]) THEN $8::bigint ELSE 0 END AS observed_through
                FROM head, unnest($3::text[], $4::text[], $5::bigint[], $6::int[], $7::text[]) WITH ORDINALITY AS a(tag, content_id, hp, hl, dev, ord)),
            fresh AS (
                SELECT i.*, row_number() OVER (PARTITION BY i.content_id ORDER BY i.hp DESC, i.hl DESC, i.dev DESC, i.tag DESC) AS place
                FROM incoming i
                WHERE NOT EXISTS (SELECT 1 FROM user_watchlists w WHERE w.tenant_id = $1 AND w.user_id = $2 AND w.unique_tag = i.tag)),
            newest AS (SELECT * FROM fresh WHERE place = 1),
            inserted AS (
                INSERT INTO user_watchlists (tenant_id, user_id, unique_tag, content_id, added_physical, added_logical, added_device,
                                             is_removed, removed_physical, removed_logical, removed_device, removed_at, change_seq)
                SELECT $1, $2, f.tag, f.content_id, f.hp, f.hl, f.dev, f.place > 1,
                       CASE WHEN f.place > 1 THEN n.hp END, CASE WHEN f.place > 1 THEN n.hl END,
                       CASE WHEN f.place > 1 THEN $9::text END, CASE WHEN f.place > 1 THEN now() END, f.seq
                FROM fresh f JOIN newest n ON n.content_id = f.content_id
                ON CONFLICT (tenant_id, user_id, unique_tag) DO NOTHING
                RETURNING unique_tag)
            UPDATE user_watchlists w
            SET is_removed = true, removed_physical = n.hp, removed_logical = n.hl, removed_device = $9::text,
                removed_at = now(), change_seq = n.seq
            FROM newest n
            WHERE w.tenant_id = $1 AND w.user_id = $2 AND w.content_id = n.content_id AND NOT w.is_removed
              AND (n.observed_through IS NULL OR w.change_seq <= n.observed_through)
              AND n.tag IN (SELECT unique_tag FROM inserted)
            """), user, adds.Select(a => (a.Tag, a.ContentId, a.Stamp)).ToList());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)observedThrough ?? DBNull.Value });
        command.Parameters.AddValue(WatchlistTag.ReplacedByServer);
        return command;
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
