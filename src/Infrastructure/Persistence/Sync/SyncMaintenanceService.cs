using MediaGateway.Application.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Persistence.Sync;

/// <summary>
/// On a schedule: marks devices without a heartbeat offline, and garbage-collects watchlist and progress
/// tombstones every device has synced past (or older than the retention). Runs on every instance; the SQL
/// functions are idempotent, so overlapping runs do no harm.
/// </summary>
internal sealed class SyncMaintenanceService(
    NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncMaintenanceService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.MaintenanceIntervalSeconds), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(exception, "Sync maintenance skipped this round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<(int Offline, int Watchlist, int Progress)> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var offline = dataSource.CreateCommand("SELECT mark_stale_devices_offline(make_interval(secs => $1))");
        offline.Parameters.AddValue((double)options.Value.StaleDeviceSeconds);
        var markedOffline = (int)(await offline.ExecuteScalarAsync(cancellationToken))!;

        // Tombstones are collected user by user, each in its own short transaction, so a user's sync waits at
        // most for their own collection.
        var (watchlist, progress) = (0, 0);
        foreach (var (tenantId, userId) in await UsersWithTombstonesAsync(cancellationToken))
        {
            await using var collect = dataSource.CreateCommand(
                "SELECT watchlist_removed, progress_removed FROM cleanup_user_tombstones($1, $2, make_interval(days => $3))");
            collect.Parameters.AddValue(tenantId);
            collect.Parameters.AddValue(userId);
            collect.Parameters.AddValue(options.Value.TombstoneRetentionDays);
            await using var reader = await collect.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            watchlist += reader.GetInt32(0);
            progress += reader.GetInt32(1);
        }

        if ((markedOffline, watchlist, progress) != (0, 0, 0))
        {
            logger.LogInformation("Sync maintenance: {Offline} devices marked offline, {Watchlist} watchlist and {Progress} progress tombstones removed",
                markedOffline, watchlist, progress);
        }

        return (markedOffline, watchlist, progress);
    }

    private async Task<List<(string TenantId, string UserId)>> UsersWithTombstonesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT tenant_id, user_id FROM user_watchlists WHERE is_removed
            UNION
            SELECT DISTINCT tenant_id, user_id FROM user_progress WHERE is_deleted
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
