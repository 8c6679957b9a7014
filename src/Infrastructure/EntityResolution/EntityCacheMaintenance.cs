using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Warms L1 at start-up with the newest mappings (start-up, and so readiness, waits at most the warm-up budget),
/// then, as a safety net behind the cache's backplane (which drops other instances' L1 copies at once while Redis
/// is up), re-reads every interval the mappings whose updated_at moved and refreshes them in this instance's L1.
/// </summary>
internal sealed class EntityCacheMaintenance(
    NpgsqlDataSource dataSource, [FromKeyedServices(CachingEntityStore.CacheName)] TieredCache<CachedMapping> cache, IOptions<EntityCacheOptions> options, TimeProvider time,
    ILogger<EntityCacheMaintenance> logger) : IHostedService, IDisposable
{
    // Rows committed late carry an updated_at from their transaction's start: re-read a little behind the mark.
    private static readonly TimeSpan CommitLag = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        var budget = TimeSpan.FromMilliseconds(options.Value.WarmupBudgetMilliseconds);
        if (await Task.WhenAny(_warmedUp.Task, Task.Delay(budget, time, cancellationToken)) != _warmedUp.Task)
        {
            logger.LogWarning("Entity cache warm-up goes on in the background after its {Budget} budget", budget);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may dispose its services before stopping them (a test host torn down early); Dispose cancelled then.
        if (!_disposed)
        {
            await _stopping.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        DateTimeOffset mark;
        try
        {
            mark = await WarmUpAsync(stopping);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(exception, "Entity cache warm-up skipped: the database is unavailable");
            mark = time.GetUtcNow();
        }
        catch (Exception exception) when (exception is OperationCanceledException || stopping.IsCancellationRequested)
        {
            return;   // stopping: the cache or data source may already be disposed
        }
        finally
        {
            _warmedUp.TrySetResult();
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    mark = await RefreshAsync(mark, stopping);
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning(exception, "Entity cache refresh failed; retrying next interval");
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException || stopping.IsCancellationRequested)
        {
            // stopping: the cache or data source may already be disposed
        }
    }

    private async Task<DateTimeOffset> WarmUpAsync(CancellationToken cancellationToken)
    {
        await using (var counts = dataSource.CreateCommand("SELECT id_type, count(*) FROM entity_mappings GROUP BY id_type ORDER BY id_type"))
        await using (var reader = await counts.ExecuteReaderAsync(cancellationToken))
        {
            var perType = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                perType.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
            }

            logger.LogInformation("Entity mappings stored: {Counts}", perType.Count == 0 ? "none" : string.Join(", ", perType));
        }

        var (loaded, mark) = await LoadAsync(
            "SELECT tenant_id, id_type, external_id, entity_id, confidence, updated_at FROM entity_mappings ORDER BY updated_at DESC LIMIT $1",
            cancellationToken, options.Value.WarmupCount);
        logger.LogInformation("Entity cache warmed with {Count} mappings", loaded);
        return mark ?? time.GetUtcNow();
    }

    private async Task<DateTimeOffset> RefreshAsync(DateTimeOffset mark, CancellationToken cancellationToken)
    {
        var (_, newest) = await LoadAsync(
            "SELECT tenant_id, id_type, external_id, entity_id, confidence, updated_at FROM entity_mappings WHERE updated_at > $1 ORDER BY updated_at LIMIT $2",
            cancellationToken, mark - CommitLag, options.Value.L1MaxEntries);
        return newest is { } n && n > mark ? n : mark;
    }

    /// <summary>Puts the rows of <paramref name="sql"/> (tenant, id type, external id, entity, confidence, updated_at) into L1.</summary>
    private async Task<(int Loaded, DateTimeOffset? Newest)> LoadAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddValue(parameter);
        }

        var loaded = 0;
        DateTimeOffset? newest = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var mapping = PostgresEntityStore.ReadMapping(reader, 1);
            cache.SetLocal(reader.GetString(0), CachingEntityStore.Key(mapping.Id), new CachedMapping(mapping.EntityId, mapping.Confidence));
            var updated = reader.GetFieldValue<DateTimeOffset>(5);
            newest = newest is null || updated > newest ? updated : newest;
            loaded++;
        }

        return (loaded, newest);
    }
}
