using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Tombstone collection in bounded chunks: <c>cleanup_user_tombstones</c> takes a limit and looks at that many of
    /// the oldest tombstones only. It holds the user's sync_heads row lock while it works, and every sync and write
    /// of that user waits for it: collecting a busy user's 75,000 tombstones in one call held them up for 35-85 ms,
    /// and a user whose stale device held tombstones back had all of them read on every sweep.
    /// </summary>
    public partial class ChunkedTombstoneCollection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION cleanup_user_tombstones(varchar, varchar, interval);

                -- Looks at the p_limit (NULL: all) oldest tombstones of each kind of one user, removes those every
                -- device has acknowledged or older than the retention, and records how far it pruned (a cursor older
                -- than that gets a full resync). Both kinds of collectable tombstone come first in change order, so
                -- a call reads at most p_limit of them, even when a device that stopped syncing holds back the
                -- rest. The chosen rows are gathered first and deleted by their row address, a plan that cannot go
                -- wrong: for a tenant the planner's statistics have not seen, a join re-ran the selection once per
                -- row of the user (1.6 s for 5,000 tombstones). The head row lock keeps the addresses stable.
                -- Lock order as every writer: the user's sync_heads row first, then data rows. Callers collect a
                -- user in several short calls rather than one long one.
                CREATE FUNCTION cleanup_user_tombstones(p_tenant varchar, p_user varchar, p_retention interval DEFAULT interval '30 days',
                                                        p_limit integer DEFAULT NULL,
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
                        WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM (
                                SELECT ctid, change_seq, removed_at FROM user_watchlists
                                WHERE tenant_id = p_tenant AND user_id = p_user AND is_removed
                                ORDER BY change_seq LIMIT p_limit) oldest
                            WHERE change_seq <= acked OR removed_at < now() - p_retention))
                        RETURNING change_seq),
                    p AS (
                        DELETE FROM user_progress
                        WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM (
                                SELECT ctid, change_seq, updated_at FROM user_progress
                                WHERE tenant_id = p_tenant AND user_id = p_user AND is_deleted
                                ORDER BY change_seq LIMIT p_limit) oldest
                            WHERE change_seq <= acked OR updated_at < now() - p_retention))
                        RETURNING change_seq),
                    pruned AS (SELECT change_seq, 'w' AS kind FROM w UNION ALL SELECT change_seq, 'p' FROM p),
                    marked AS (
                        UPDATE sync_heads SET pruned_through = GREATEST(pruned_through, (SELECT max(change_seq) FROM pruned))
                        WHERE tenant_id = p_tenant AND user_id = p_user AND EXISTS (SELECT 1 FROM pruned)
                        RETURNING 1)
                    SELECT count(*) FILTER (WHERE kind = 'w'), count(*) FILTER (WHERE kind = 'p')
                    INTO watchlist_removed, progress_removed FROM pruned;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION cleanup_user_tombstones(varchar, varchar, interval, integer);

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
                """);
        }
    }
}
