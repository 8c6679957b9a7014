using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Workers;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Writes the <see cref="TitleBands"/> of titles stored before the column existed (every insert writes them
/// since), on one instance of the cluster, in chunks: until it has, such a title is found by its exact words and
/// its embedding, not as a near title. A partial index keeps a run with nothing to do to one probe.
/// </summary>
internal sealed class TitleBandsJob(NpgsqlDataSource dataSource, TimeProvider time, ILogger<TitleBandsJob> logger)
    : PeriodicWorker("title-bands", TimeSpan.FromMinutes(10), dataSource, time, logger)
{
    internal const int Chunk = 1000;

    private const string ReadMissing = """
        SELECT id, tenant_id, kind, normalized_title FROM entities WHERE title_bands IS NULL
        LIMIT $1 FOR UPDATE SKIP LOCKED
        """;

    private const string Write = """
        UPDATE entities AS e SET title_bands = q.bands::int[]
        FROM unnest($1::uuid[], $2::text[]) AS q(id, bands)
        WHERE e.id = q.id
        """;

    private readonly NpgsqlDataSource _dataSource = dataSource;

    /// <summary>One pass, after any pass in progress; returns the titles written.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunExclusiveAsync(FillAsync, cancellationToken);

    protected override Task RunAsync(CancellationToken cancellationToken) => FillAsync(cancellationToken);

    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new List<Guid>(Chunk);
            var bands = new List<string>(Chunk);
            await using (var read = new NpgsqlCommand(ReadMissing, connection, transaction))
            {
                read.Parameters.AddValue(Chunk);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetGuid(0));
                    // A title without letters or digits gets no band, stored as empty so it is not read again.
                    bands.Add(TitleBands.Literal(reader.GetString(1), EntitySql.ParseKind(reader.GetString(2)), reader.GetString(3)) ?? "{}");
                }
            }

            if (ids.Count > 0)
            {
                await using var write = new NpgsqlCommand(Write, connection, transaction);
                write.Parameters.AddArray(NpgsqlDbType.Uuid, ids.ToArray());
                write.Parameters.AddArray(NpgsqlDbType.Text, bands.ToArray());
                await write.ExecuteNonQueryAsync(cancellationToken);
                await using var flush = new NpgsqlCommand(EntitySql.FlushTitleIndex, connection, transaction);
                await flush.ExecuteScalarAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            total += ids.Count;
            if (ids.Count < Chunk)
            {
                return total;
            }
        }
    }
}
