namespace MediaGateway.Infrastructure.Persistence.Migrations;

/// <summary>The sync schema's SQL that EF does not model: change numbering, the spec's views and functions.</summary>
internal static class SyncSql
{
    public const string Up = """
        -- The next p_count change numbers of a user. Holds the user's sync_heads row lock until commit, so a
        -- user's change numbers are handed out in commit order and a cursor never skips a late commit.
        CREATE FUNCTION sync_take_seq(p_tenant varchar, p_user varchar, p_count integer DEFAULT 1) RETURNS bigint
        LANGUAGE sql AS $$
            INSERT INTO sync_heads AS h (tenant_id, user_id, seq, pruned_through) VALUES (p_tenant, p_user, p_count, 0)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET seq = h.seq + p_count
            RETURNING seq
        $$;

        -- OR-Set result: content with at least one live tag; when, and from which device, it was last added.
        CREATE VIEW effective_watchlists AS
        SELECT DISTINCT ON (tenant_id, user_id, content_id)
               tenant_id, user_id, content_id,
               to_timestamp(added_physical / 1000.0) AS added_at, added_device AS device_id,
               added_physical, added_logical
        FROM user_watchlists
        WHERE NOT is_removed AND added_physical IS NOT NULL
        ORDER BY tenant_id, user_id, content_id, added_physical DESC, added_logical DESC, added_device DESC;

        -- Continue Watching with the default rules (5 % to 90 %, titles of 5 minutes or more, not completed).
        CREATE VIEW in_progress_content AS
        SELECT * FROM user_progress
        WHERE position_seconds IS NOT NULL AND NOT completed AND duration_seconds >= 300
          AND position_seconds * 100.0 / duration_seconds >= 5
          AND position_seconds * 100.0 / duration_seconds < 90;

        CREATE VIEW completed_content AS
        SELECT * FROM user_progress WHERE completed;

        CREATE VIEW online_devices_summary AS
        SELECT tenant_id, user_id,
               count(*) AS device_count,
               count(*) FILTER (WHERE is_online) AS online_count,
               max(last_seen) AS last_seen
        FROM user_devices
        GROUP BY tenant_id, user_id;

        CREATE FUNCTION mark_stale_devices_offline(p_stale interval DEFAULT interval '5 minutes') RETURNS integer
        LANGUAGE sql AS $$
            WITH stale AS (
                UPDATE user_devices SET is_online = false
                WHERE is_online AND last_seen < now() - p_stale
                RETURNING 1)
            SELECT count(*)::integer FROM stale
        $$;

        -- How far every device of each user has acknowledged: registered devices and devices that have synced
        -- (a registered device that never synced counts as 0, holding everything back until the retention).
        -- A user with no such device has nobody left to tell.
        CREATE VIEW sync_acknowledged AS
        SELECT h.tenant_id, h.user_id, h.seq, h.pruned_through,
               COALESCE((SELECT min(COALESCE(c.cursor, 0))
                         FROM (SELECT d.device_id FROM user_devices d WHERE d.tenant_id = h.tenant_id AND d.user_id = h.user_id
                               UNION
                               SELECT s.device_id FROM sync_cursors s WHERE s.tenant_id = h.tenant_id AND s.user_id = h.user_id) AS devices
                         LEFT JOIN sync_cursors c
                           ON c.tenant_id = h.tenant_id AND c.user_id = h.user_id AND c.device_id = devices.device_id), h.seq) AS acknowledged
        FROM sync_heads h;

        -- Garbage-collects removed watchlist tags every device has seen, or older than the retention.
        -- A device whose cursor is older than what was pruned gets a full resync instead of a delta.
        -- Lock order: every writer takes the user's sync_heads row before the user's data rows; so does this,
        -- in key order, so collection never deadlocks with a sync in flight.
        CREATE FUNCTION cleanup_removed_watchlist_entries(p_retention interval DEFAULT interval '30 days') RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE removed integer;
        BEGIN
            PERFORM 1 FROM sync_heads h
            WHERE EXISTS (SELECT 1 FROM user_watchlists w WHERE w.is_removed AND w.tenant_id = h.tenant_id AND w.user_id = h.user_id)
            ORDER BY h.tenant_id, h.user_id
            FOR UPDATE;
            WITH pruned AS (
                DELETE FROM user_watchlists w USING sync_acknowledged a
                WHERE w.is_removed AND w.tenant_id = a.tenant_id AND w.user_id = a.user_id
                  AND (w.change_seq <= a.acknowledged OR w.removed_at < now() - p_retention)
                RETURNING w.tenant_id, w.user_id, w.change_seq),
            marked AS (
                UPDATE sync_heads h SET pruned_through = GREATEST(h.pruned_through, p.max_seq)
                FROM (SELECT tenant_id, user_id, max(change_seq) AS max_seq FROM pruned GROUP BY 1, 2) p
                WHERE h.tenant_id = p.tenant_id AND h.user_id = p.user_id
                RETURNING 1)
            SELECT count(*)::integer INTO removed FROM pruned;
            RETURN removed;
        END $$;

        -- The same for deleted progress (position tombstones).
        CREATE FUNCTION cleanup_deleted_progress_entries(p_retention interval DEFAULT interval '30 days') RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE removed integer;
        BEGIN
            PERFORM 1 FROM sync_heads h
            WHERE EXISTS (SELECT 1 FROM user_progress p WHERE p.position_seconds IS NULL AND p.tenant_id = h.tenant_id AND p.user_id = h.user_id)
            ORDER BY h.tenant_id, h.user_id
            FOR UPDATE;
            WITH pruned AS (
                DELETE FROM user_progress p USING sync_acknowledged a
                WHERE p.position_seconds IS NULL AND p.tenant_id = a.tenant_id AND p.user_id = a.user_id
                  AND (p.change_seq <= a.acknowledged OR p.updated_at < now() - p_retention)
                RETURNING p.tenant_id, p.user_id, p.change_seq),
            marked AS (
                UPDATE sync_heads h SET pruned_through = GREATEST(h.pruned_through, p.max_seq)
                FROM (SELECT tenant_id, user_id, max(change_seq) AS max_seq FROM pruned GROUP BY 1, 2) p
                WHERE h.tenant_id = p.tenant_id AND h.user_id = p.user_id
                RETURNING 1)
            SELECT count(*)::integer INTO removed FROM pruned;
            RETURN removed;
        END $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS cleanup_deleted_progress_entries(interval);
        DROP FUNCTION IF EXISTS cleanup_removed_watchlist_entries(interval);
        DROP VIEW IF EXISTS sync_acknowledged;
        DROP FUNCTION IF EXISTS mark_stale_devices_offline(interval);
        DROP VIEW IF EXISTS online_devices_summary;
        DROP VIEW IF EXISTS completed_content;
        DROP VIEW IF EXISTS in_progress_content;
        DROP VIEW IF EXISTS effective_watchlists;
        DROP FUNCTION IF EXISTS sync_take_seq(varchar, varchar, integer);
        """;
}
