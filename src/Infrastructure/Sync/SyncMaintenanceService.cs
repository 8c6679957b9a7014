using System.Data;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>
/// On a schedule: marks devices without a heartbeat offline, and garbage-collects watchlist and progress
/// tombstones every device has synced past (or older than the retention). Runs on every instance; the SQL
/// functions are idempotent, so overlapping runs do no harm.
/// </summary>
internal sealed class SyncMaintenanceService(
    NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncMaintenanceService> logger)
    : BackgroundService
{
    // Tombstones of each kind removed per transaction: a few milliseconds of the user's head row lock.
    internal const int TombstoneChunk = 200;

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
        await using var offline = dataSource.CreateCommand(SyncMaintenanceSql.MarkStaleDevicesOffline);
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
                var started = time.GetTimestamp();
                var (chunkWatchlist, chunkProgress) = await CollectChunkAsync(tenantId, userId, cancellationToken);
                watchlist += chunkWatchlist;
                progress += chunkProgress;
                // A short chunk was the user's last: pause only before another one.
                if (chunkWatchlist < TombstoneChunk && chunkProgress < TombstoneChunk)
                {
                    break;
                }

                await Task.Delay(time.GetElapsedTime(started), time, cancellationToken);
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
        await using var collect = dataSource.CreateCommand(SyncMaintenanceSql.CollectTombstones);
        collect.Parameters.AddValue(tenantId);
        collect.Parameters.AddValue(userId);
        collect.Parameters.AddValue(options.Value.TombstoneRetentionDays);
        collect.Parameters.AddValue(TombstoneChunk);
        await using var reader = await collect.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32("watchlist_removed"), reader.GetInt32("progress_removed"));
    }

    private async Task<List<(string TenantId, string UserId)>> UsersWithTombstonesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SyncMaintenanceSql.UsersWithTombstones);
        var users = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (tenantId, userId) = (reader.GetOrdinal("tenant_id"), reader.GetOrdinal("user_id"));
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add((reader.GetString(tenantId), reader.GetString(userId)));
        }

        return users;
    }
}
