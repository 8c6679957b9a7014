using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Warms L1 at start-up with the newest mappings (start-up, and so readiness, waits at most the warm-up budget),
/// then, as a safety net behind the cache's backplane (which drops other instances' L1 copies at once while Redis
/// is up), re-reads every interval the mappings whose updated_at moved and refreshes them in this instance's L1:
/// a new confidence, or a new entity when a merge or split moved the id (both bump updated_at).
/// A per-instance worker: every instance keeps its own L1.
/// </summary>
internal sealed class EntityCacheMaintenance(
    NpgsqlDataSource dataSource, [FromKeyedServices(CachingEntityStore.CacheName)] TieredCache<CachedMapping> cache,
    IOptions<EntityCacheOptions> options, TimeProvider time, ILogger<EntityCacheMaintenance> logger)
    : PeriodicWorker("entity-cache-refresh", TimeSpan.FromSeconds(options.Value.RefreshIntervalSeconds), time, logger)
{
    // Rows committed late carry an updated_at from their transaction's start: re-read a little behind the mark.
    private static readonly TimeSpan CommitLag = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private DateTimeOffset? _mark;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        var budget = TimeSpan.FromMilliseconds(options.Value.WarmupBudgetMilliseconds);
        if (await Task.WhenAny(_warmedUp.Task, Task.Delay(budget, _time, cancellationToken)) != _warmedUp.Task)
        {
            _logger.LogWarning("Entity cache warm-up goes on in the background after its {Budget} budget", budget);
        }
    }

    /// <summary>The first run warms L1 up; every later one follows the mappings changed since the last.</summary>
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_mark is not { } mark)
        {
            try
            {
                _mark = await WarmUpAsync(cancellationToken);
            }
            finally
            {
                _warmedUp.TrySetResult();
            }

            return;
        }

        _mark = await RefreshAsync(mark, cancellationToken);
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

            _logger.LogInformation("Entity mappings stored: {Counts}", perType.Count == 0 ? "none" : string.Join(", ", perType));
        }

        var (loaded, mark) = await LoadAsync(
            "SELECT tenant_id, id_type, external_id, entity_id, confidence, updated_at FROM entity_mappings ORDER BY updated_at DESC LIMIT $1",
            cancellationToken, options.Value.WarmupCount);
        _logger.LogInformation("Entity cache warmed with {Count} mappings", loaded);
        return mark ?? _time.GetUtcNow();
    }

    private async Task<DateTimeOffset> RefreshAsync(DateTimeOffset mark, CancellationToken cancellationToken)
    {
        var (_, newest) = await LoadAsync(
            "SELECT tenant_id, id_type, external_id, entity_id, confidence, updated_at FROM entity_mappings WHERE updated_at > $1 ORDER BY updated_at LIMIT $2",
            cancellationToken, mark - CommitLag, options.Value.L1MaxEntries);
        await RepairMovedInL2Async(mark - CommitLag, cancellationToken);
        return newest is { } n && n > mark ? n : mark;
    }

    /// <summary>
    /// Writes the ids that a merge or split moved since <paramref name="since"/> to L2 too, from Postgres: a move
    /// made while Redis was down left L2 naming the old entity, which an instance whose L1 lost the entry would
    /// read back for a day. Moves are operator actions, so these are few; every instance writing them is harmless.
    /// </summary>
    private async Task RepairMovedInL2Async(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EntityChangeSql.MappingsMovedSince);
        command.Parameters.AddValue(since);
        var moved = new List<(string Tenant, KnownMapping Mapping)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var columns = new EntitySql.MappingOrdinals(reader);
            var tenantColumn = reader.GetOrdinal("tenant_id");
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add((reader.GetString(tenantColumn), EntitySql.ReadMapping(reader, columns)));
            }
        }

        foreach (var (tenant, mapping) in moved)
        {
            await cache.FillAsync(tenant, CachingEntityStore.Key(mapping.Id), new CachedMapping(mapping.EntityId, mapping.Confidence), cancellationToken);
        }
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
        var columns = new EntitySql.MappingOrdinals(reader);
        var (tenantColumn, updatedColumn) = (reader.GetOrdinal("tenant_id"), reader.GetOrdinal("updated_at"));
        while (await reader.ReadAsync(cancellationToken))
        {
            var mapping = EntitySql.ReadMapping(reader, columns);
            cache.SetLocal(reader.GetString(tenantColumn), CachingEntityStore.Key(mapping.Id), new CachedMapping(mapping.EntityId, mapping.Confidence));
            var updated = reader.GetFieldValue<DateTimeOffset>(updatedColumn);
            newest = newest is null || updated > newest ? updated : newest;
            loaded++;
        }

        return (loaded, newest);
    }
}
