using MediaGateway.Application.Sync;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// On a schedule: marks devices without a heartbeat offline, and garbage-collects watchlist and progress
/// tombstones every device has synced past (or older than the retention). A single runner: one instance of the
/// cluster sweeps, the others skip; the SQL functions are idempotent anyway, so a <see cref="RunOnceAsync"/> from a
/// test or a command beside the leader's run does no harm.
/// </summary>
internal sealed class SyncMaintenanceService(
    NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncMaintenanceService> logger)
    : PeriodicWorker("sync-maintenance", TimeSpan.FromSeconds(options.Value.MaintenanceIntervalSeconds), dataSource, time, logger)
{
    // Tombstones of each kind removed per transaction: a few milliseconds of the user's head row lock.
    internal const int TombstoneChunk = 200;

    // Fields rather than captured parameters: the base keeps its own copies of the ones it is given.
    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly TimeProvider _time = time;

    /// <summary>One sweep, after any sweep in progress; returns what it changed.</summary>
    public Task<(int Offline, int Watchlist, int Progress)> RunOnceAsync(CancellationToken cancellationToken) =>
        RunExclusiveAsync(SweepAsync, cancellationToken);

    protected override Task RunAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    private async Task<(int Offline, int Watchlist, int Progress)> SweepAsync(CancellationToken cancellationToken)
    {
        await using var offline = _dataSource.CreateCommand("SELECT mark_stale_devices_offline(make_interval(secs => $1))");
        offline.Parameters.AddValue((double)options.Value.StaleDeviceSeconds);
        var markedOffline = (int)(await offline.ExecuteScalarAsync(cancellationToken))!;

        // Tombstones are collected user by user, in chunks, each in its own short transaction: the collection holds
        // the user's head row lock, so the user's syncs and writes wait at most for one chunk. After each chunk it
        // pauses as long as the chunk took, so collecting a backlog never takes more than half of the database's
        // attention from requests.
        var (watchlist, progress) = (0, 0);
        foreach (var (tenantId, userId) in await UsersWithTombstonesAsync(cancellationToken))
        {
            while (true)
            {
                var started = _time.GetTimestamp();
                var (chunkWatchlist, chunkProgress) = await CollectChunkAsync(tenantId, userId, cancellationToken);
                watchlist += chunkWatchlist;
                progress += chunkProgress;
                // A short chunk was the user's last: pause only before another one.
                if (chunkWatchlist < TombstoneChunk && chunkProgress < TombstoneChunk)
                {
                    break;
                }

                await Task.Delay(_time.GetElapsedTime(started), _time, cancellationToken);
            }
        }

        if ((markedOffline, watchlist, progress) != (0, 0, 0))
        {
            logger.LogInformation("Sync maintenance: {Offline} devices marked offline, {Watchlist} watchlist and {Progress} progress tombstones removed",
                markedOffline, watchlist, progress);
        }

        return (markedOffline, watchlist, progress);
    }

    private async Task<(int Watchlist, int Progress)> CollectChunkAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await using var collect = _dataSource.CreateCommand(
            "SELECT watchlist_removed, progress_removed FROM cleanup_user_tombstones($1, $2, make_interval(days => $3), $4)");
        collect.Parameters.AddValue(tenantId);
        collect.Parameters.AddValue(userId);
        collect.Parameters.AddValue(options.Value.TombstoneRetentionDays);
        collect.Parameters.AddValue(TombstoneChunk);
        await using var reader = await collect.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private async Task<List<(string TenantId, string UserId)>> UsersWithTombstonesAsync(CancellationToken cancellationToken)
    {
        // A skip scan over the two tombstone indexes: one probe per user, however many tombstones each has
        // (SELECT DISTINCT read every tombstone: 51 ms for 160,000).
        await using var command = _dataSource.CreateCommand("""
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
            """);
        var users = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add((reader.GetString(0), reader.GetString(1)));
        }

        return users;
    }
}
