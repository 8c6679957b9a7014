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
        await using var command = dataSource.CreateCommand("""
            SELECT mark_stale_devices_offline(make_interval(secs => $1)),
                   cleanup_removed_watchlist_entries(make_interval(days => $2)),
                   cleanup_deleted_progress_entries(make_interval(days => $2))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (double)options.Value.StaleDeviceSeconds });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.TombstoneRetentionDays });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var result = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        if (result != (0, 0, 0))
        {
            logger.LogInformation("Sync maintenance: {Offline} devices marked offline, {Watchlist} watchlist and {Progress} progress tombstones removed",
                result.Item1, result.Item2, result.Item3);
        }

        return result;
    }
}
