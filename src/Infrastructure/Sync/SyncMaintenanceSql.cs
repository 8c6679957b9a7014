namespace MediaGateway.Infrastructure.Sync;

/// <summary>The statements of <see cref="SyncMaintenanceService"/>; the SQL functions they call come with the migrations.</summary>
internal static class SyncMaintenanceSql
{
    /// <summary>Marks devices offline whose last heartbeat is older than $1 seconds; answers how many.</summary>
    public const string MarkStaleDevicesOffline = "SELECT mark_stale_devices_offline(make_interval(secs => $1))";

    /// <summary>One chunk of a user's tombstones: $1 tenant, $2 user, $3 retention in days, $4 chunk size.</summary>
    public const string CollectTombstones =
        "SELECT watchlist_removed, progress_removed FROM cleanup_user_tombstones($1, $2, make_interval(days => $3), $4)";

    /// <summary>
    /// The users with tombstones, by a skip scan over the two tombstone indexes: one probe per user, however many
    /// tombstones each has (SELECT DISTINCT read every tombstone: 51 ms for 160,000).
    /// </summary>
    public const string UsersWithTombstones = """
        WITH RECURSIVE watchlist AS (
            (SELECT tenant_id, user_id FROM user_watchlists WHERE is_removed ORDER BY tenant_id, user_id LIMIT 1)
            UNION ALL
            SELECT n.tenant_id, n.user_id FROM watchlist u CROSS JOIN LATERAL (
                SELECT w.tenant_id, w.user_id FROM user_watchlists w
                WHERE w.is_removed AND (w.tenant_id, w.user_id) > (u.tenant_id, u.user_id)
                ORDER BY w.tenant_id, w.user_id LIMIT 1) n),
        progress AS (
            (SELECT tenant_id, user_id FROM user_progress WHERE is_deleted ORDER BY tenant_id, user_id LIMIT 1)
            UNION ALL
            SELECT n.tenant_id, n.user_id FROM progress u CROSS JOIN LATERAL (
                SELECT p.tenant_id, p.user_id FROM user_progress p
                WHERE p.is_deleted AND (p.tenant_id, p.user_id) > (u.tenant_id, u.user_id)
                ORDER BY p.tenant_id, p.user_id LIMIT 1) n)
        SELECT tenant_id, user_id FROM watchlist
        UNION
        SELECT tenant_id, user_id FROM progress
        """;
}
