using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// Materialises <c>trending_entities</c> for every window and tenant on a schedule, on one instance of the cluster
/// (the platform's single runner). Each window is replaced in one transaction, so readers see the old ranking or
/// the new one, never a mix. Readers get it through the tiered cache, at most its expiry late.
/// </summary>
internal sealed class TrendingJob(
    NpgsqlDataSource dataSource, IOptions<RecommendationOptions> options, TimeProvider time, ILogger<TrendingJob> logger)
    : PeriodicWorker("trending", TimeSpan.FromSeconds(options.Value.TrendingIntervalSeconds), dataSource, time, logger)
{
    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly TimeProvider _time = time;

    /// <summary>One pass over every window, after any pass in progress; returns the rows written.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunExclusiveAsync(MaterialiseAsync, cancellationToken);

    protected override Task RunAsync(CancellationToken cancellationToken) => MaterialiseAsync(cancellationToken);

    private async Task<int> MaterialiseAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rows = 0;
        foreach (var window in Enum.GetValues<TrendingWindow>())
        {
            var name = TrendingWindows.Names.Of(window);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            var clear = new NpgsqlBatchCommand(TrendingSql.Clear);
            clear.Parameters.AddValue(name);
            var materialise = new NpgsqlBatchCommand(TrendingSql.Materialise);
            materialise.Parameters.AddValue(name);
            materialise.Parameters.AddValue(now);
            materialise.Parameters.AddValue(TrendingWindows.Length(window).TotalSeconds);
            materialise.Parameters.AddValue(TrendingWindows.HalfLife(window).TotalSeconds);
            materialise.Parameters.AddValue(options.Value.TrendingDepth);
            batch.BatchCommands.Add(clear);
            batch.BatchCommands.Add(materialise);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            rows += materialise.RecordsAffected;
        }

        return rows;
    }
}
