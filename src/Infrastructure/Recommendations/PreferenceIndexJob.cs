using MediaGateway.Application.Recommendations;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// Keeps <c>user_profiles.preference_vector</c>, the HNSW-indexed copy of each taste ("users like you"), close to the
/// taste: recording an interaction only marks a profile whose taste drifted, and this job, on one instance of the
/// cluster, rewrites the marked copies in chunks. Recommendations read the exact taste, so they never wait for it.
/// </summary>
internal sealed class PreferenceIndexJob(
    NpgsqlDataSource dataSource, IOptions<RecommendationOptions> options, TimeProvider time, ILogger<PreferenceIndexJob> logger)
    : PeriodicWorker("preference-index", TimeSpan.FromSeconds(options.Value.PreferenceIndexIntervalSeconds), dataSource, time, logger)
{
    /// <summary>Profiles rewritten per transaction: each is an HNSW insertion of a few milliseconds.</summary>
    internal const int Chunk = 200;

    /// <summary>Chunks per run at most, so that one run ends even while interactions keep marking profiles.</summary>
    internal const int MaxChunksPerRun = 50;

    private readonly NpgsqlDataSource _dataSource = dataSource;

    /// <summary>One pass, after any pass in progress; returns the copies rewritten.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunExclusiveAsync(RefreshAsync, cancellationToken);

    protected override Task RunAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    private async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var chunk = 0; chunk < MaxChunksPerRun; chunk++)
        {
            await using var command = _dataSource.CreateCommand(InteractionSql.RefreshPreferenceVectors);
            command.Parameters.AddValue(Chunk);
            var rewritten = await command.ExecuteNonQueryAsync(cancellationToken);
            total += rewritten;
            if (rewritten < Chunk)
            {
                break;
            }
        }

        return total;
    }
}
