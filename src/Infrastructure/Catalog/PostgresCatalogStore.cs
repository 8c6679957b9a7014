using System.Text.Json;
using MediaGateway.Application.Catalog;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Postgres;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Polly;

namespace MediaGateway.Infrastructure.Catalog;

internal sealed class PostgresCatalogStore(NpgsqlDataSource dataSource, PostgresRetry retry) : ICatalogStore
{
    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public Task<IReadOnlyList<int>> UpsertAsync(string tenantId, IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync<IReadOnlyList<int>>(async ct =>
        {
            // Row locks in one order, so two batches sharing ids cannot deadlock.
            var ordered = entries.Select((entry, index) => (entry, index)).OrderBy(x => x.entry.Entity.Id).ToList();
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            var upsert = new NpgsqlBatchCommand(CatalogSql.Upsert);
            var parameters = upsert.Parameters;
            parameters.AddValue(tenantId);
            parameters.AddArray(NpgsqlDbType.Uuid, ordered.Select(x => x.entry.Entity.Id).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => CatalogNames.Of(x.entry.Entity.Kind)).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => x.entry.Entity.Title).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => x.entry.Entity.NormalizedTitle).ToArray());
            parameters.AddArray(NpgsqlDbType.Integer, ordered.Select(x => x.entry.Entity.Year).ToArray());
            parameters.Add(new NpgsqlParameter { Value = ordered.Select(x => x.entry.Entity.Embedding is { } e ? new Vector(e) : null).ToArray() });
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => x.entry.Entity.Embedding is null ? null : x.entry.EmbeddingModel).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => JsonSerializer.Serialize(x.entry.Genres)).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => x.entry.Description).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => x.entry.MetadataJson).ToArray());
            parameters.AddArray(NpgsqlDbType.Text, ordered.Select(x => TitleBands.Literal(tenantId, x.entry.Entity.Kind, x.entry.Entity.NormalizedTitle)).ToArray());
            batch.BatchCommands.Add(upsert);
            // New titles go into the title bands index in bulk, so entity resolution's searches do not scan them one by one.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(EntitySql.FlushTitleIndex));

            var stored = new HashSet<Guid>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(reader.GetGuid(0));
                }
            }

            if (stored.Count < entries.Count)
            {
                await transaction.RollbackAsync(ct);
                return entries.Select((entry, index) => (entry, index)).Where(x => !stored.Contains(x.entry.Entity.Id)).Select(x => x.index).ToList();
            }

            await transaction.CommitAsync(ct);
            return [];
        }, cancellationToken).AsTask();

    public Task<int> CountNotEmbeddedByAsync(string tenantId, string modelId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(CatalogSql.CountNotEmbeddedBy);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(modelId);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        }, cancellationToken).AsTask();

    public Task<IReadOnlyList<CatalogEntry>> ReadNotEmbeddedByAsync(
        string tenantId, string modelId, Guid? afterId, int count, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync<IReadOnlyList<CatalogEntry>>(async ct =>
        {
            await using var command = dataSource.CreateCommand(CatalogSql.ReadNotEmbeddedBy);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(modelId);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = afterId is { } id ? id : DBNull.Value });
            command.Parameters.AddValue(count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var entries = new List<CatalogEntry>(count);
            while (await reader.ReadAsync(ct))
            {
                var entity = new Entity(
                    reader.GetGuid(0), CatalogNames.Kinds.Parse(reader.GetString(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), null);
                entries.Add(new CatalogEntry(entity, reader.GetFieldValue<string[]>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), null));
            }

            return entries;
        }, cancellationToken).AsTask();

    public Task SetEmbeddingsAsync(
        string tenantId, string modelId, IReadOnlyList<(Guid EntityId, float[] Embedding)> embeddings, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(CatalogSql.SetEmbeddings);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(modelId);
            command.Parameters.AddArray(NpgsqlDbType.Uuid, embeddings.Select(e => e.EntityId).ToArray());
            command.Parameters.Add(new NpgsqlParameter { Value = embeddings.Select(e => new Vector(e.Embedding)).ToArray() });
            await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken).AsTask();
}
