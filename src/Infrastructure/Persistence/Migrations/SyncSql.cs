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
        -- Collects one user's tombstones every device has acknowledged, or older than the retention, and records
        -- how far it pruned (a cursor older than that gets a full resync). Lock order as every writer: the user's
        -- sync_heads row first, then data rows. One user per call keeps the lock short; the service calls it per
        -- user in its own transaction.
        CREATE FUNCTION cleanup_user_tombstones(p_tenant varchar, p_user varchar, p_retention interval DEFAULT interval '30 days',
                                                OUT watchlist_removed integer, OUT progress_removed integer)
        LANGUAGE plpgsql AS $$
        DECLARE acked bigint;
        BEGIN
            PERFORM 1 FROM sync_heads WHERE tenant_id = p_tenant AND user_id = p_user FOR UPDATE;
            SELECT a.acknowledged INTO acked FROM sync_acknowledged a WHERE a.tenant_id = p_tenant AND a.user_id = p_user;
            watchlist_removed := 0;
            progress_removed := 0;
            IF acked IS NULL THEN
                RETURN;
            END IF;
            WITH w AS (
                DELETE FROM user_watchlists
                WHERE tenant_id = p_tenant AND user_id = p_user AND is_removed
                  AND (change_seq <= acked OR removed_at < now() - p_retention)
                RETURNING change_seq),
            p AS (
                DELETE FROM user_progress
                WHERE tenant_id = p_tenant AND user_id = p_user AND position_seconds IS NULL
                  AND (change_seq <= acked OR updated_at < now() - p_retention)
                RETURNING change_seq),
            pruned AS (SELECT change_seq, 'w' AS kind FROM w UNION ALL SELECT change_seq, 'p' FROM p),
            marked AS (
                UPDATE sync_heads SET pruned_through = GREATEST(pruned_through, (SELECT max(change_seq) FROM pruned))
                WHERE tenant_id = p_tenant AND user_id = p_user AND EXISTS (SELECT 1 FROM pruned)
                RETURNING 1)
            SELECT count(*) FILTER (WHERE kind = 'w'), count(*) FILTER (WHERE kind = 'p')
            INTO watchlist_removed, progress_removed FROM pruned;
        END $$;

        -- The spec's whole-database functions, for operators; the service collects user by user instead.
        CREATE FUNCTION cleanup_removed_watchlist_entries(p_retention interval DEFAULT interval '30 days') RETURNS integer
        LANGUAGE sql AS $$
            SELECT COALESCE(sum((cleanup_user_tombstones(u.tenant_id, u.user_id, p_retention)).watchlist_removed), 0)::integer
            FROM (SELECT DISTINCT tenant_id, user_id FROM user_watchlists WHERE is_removed ORDER BY 1, 2) u
        $$;

        CREATE FUNCTION cleanup_deleted_progress_entries(p_retention interval DEFAULT interval '30 days') RETURNS integer
        LANGUAGE sql AS $$
            SELECT COALESCE(sum((cleanup_user_tombstones(u.tenant_id, u.user_id, p_retention)).progress_removed), 0)::integer
            FROM (SELECT DISTINCT tenant_id, user_id FROM user_progress WHERE position_seconds IS NULL ORDER BY 1, 2) u
        $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS cleanup_deleted_progress_entries(interval);
        DROP FUNCTION IF EXISTS cleanup_removed_watchlist_entries(interval);
        DROP FUNCTION IF EXISTS cleanup_user_tombstones(varchar, varchar, interval);
        DROP VIEW IF EXISTS sync_acknowledged;
        DROP FUNCTION IF EXISTS mark_stale_devices_offline(interval);
        DROP VIEW IF EXISTS online_devices_summary;
        DROP VIEW IF EXISTS completed_content;
        DROP VIEW IF EXISTS in_progress_content;
        DROP VIEW IF EXISTS effective_watchlists;
        DROP FUNCTION IF EXISTS sync_take_seq(varchar, varchar, integer);
        """;
}
