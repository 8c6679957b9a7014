using System.Data;
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
        await using var offline = _dataSource.CreateCommand(SyncMaintenanceSql.MarkStaleDevicesOffline);
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
        await using var collect = _dataSource.CreateCommand(SyncMaintenanceSql.CollectTombstones);
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
        await using var command = _dataSource.CreateCommand(SyncMaintenanceSql.UsersWithTombstones);
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
