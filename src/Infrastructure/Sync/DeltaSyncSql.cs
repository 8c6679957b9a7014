namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// The statements of one delta sync beside the progress and watchlist writes (<see cref="PostgresSyncStore"/>).
/// Every statement takes $1 tenant and $2 user first.
/// </summary>
internal static class DeltaSyncSql
{
    /// <summary>
    /// The device holds everything up to the cursor it sent ($3 device, $4 cursor, 0 for none); the cursor never
    /// moves back, and never beyond the user's head (a cursor this server did not issue gets a full resync).
    /// </summary>
    public const string Acknowledge = """
        INSERT INTO sync_cursors (tenant_id, user_id, device_id, cursor, acknowledged_at)
        VALUES ($1, $2, $3, LEAST($4, (SELECT COALESCE(max(seq), 0) FROM sync_heads WHERE tenant_id = $1 AND user_id = $2)), now())
        ON CONFLICT (tenant_id, user_id, device_id) DO UPDATE
        SET cursor = GREATEST(sync_cursors.cursor, EXCLUDED.cursor), acknowledged_at = now()
        """;

    /// <summary>The user's last change number and how far tombstones have been collected (0 and 0 for a new user).</summary>
    public const string Head = """
        SELECT COALESCE(max(seq), 0) AS head, COALESCE(max(pruned_through), 0) AS pruned_through
        FROM sync_heads WHERE tenant_id = $1 AND user_id = $2
        """;

    // The two delta reads: rows changed after $3 (the cursor) up to $4 (the head), leaving out what only this
    // device ($6) changed; a full state ($5) is every live row, and of the tombstones only those of this device's own
    // adds: it may hold those tags (sent in this very request and replaced by a newer add of it, or sent again after
    // a first answer was lost), and nothing else would tell it they went.

    public const string WatchlistChanges = $"""
        SELECT {WatchlistSql.Columns} FROM user_watchlists w
        WHERE w.tenant_id = $1 AND w.user_id = $2 AND w.change_seq > $3 AND w.change_seq <= $4
          AND ($5 OR (CASE WHEN w.is_removed THEN w.removed_device ELSE w.added_device END) IS DISTINCT FROM $6)
          AND NOT ($5 AND w.is_removed AND w.added_device IS DISTINCT FROM $6)
        ORDER BY w.change_seq
        """;

    public const string ProgressChanges = $"""
        SELECT {ProgressSql.Columns} FROM user_progress p
        WHERE p.tenant_id = $1 AND p.user_id = $2 AND p.change_seq > $3 AND p.change_seq <= $4
          AND ($5 OR p.device_id IS DISTINCT FROM $6 OR p.completed_device IS DISTINCT FROM $6 AND p.completed_device IS NOT NULL)
          AND NOT ($5 AND p.is_deleted)
        ORDER BY p.change_seq
        """;
}
