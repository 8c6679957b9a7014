using System.Data;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Polly;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// Entity resolution on Postgres with raw Npgsql: every operation is one set-based statement (or one batch),
/// whatever the number of ids, so a batch of 1,000 costs a few round trips.
/// </summary>
internal sealed class PostgresEntityStore(NpgsqlDataSource dataSource, PostgresRetry retry, MediaGatewayMetrics metrics)
    : IEntityStore
{
    private const int CandidateQueriesPerConnection = 200;
    private const int MaxCandidateConnections = 4;

    /// <summary>
    /// Titles sharing a band that one query reads at most before ranking them: the bound on a query's cost when a
    /// catalog holds many near-duplicates. Titles at the match threshold share a band with a query nearly always,
    /// unrelated ones rarely (TitleBands), so the read rows are mostly real candidates.
    /// </summary>
    private const int NearTitlesReadPerQuery = 100;

    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public async Task<IReadOnlyDictionary<ExternalId, KnownMapping>> FindMappingsAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken)
    {
        var found = await _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(EntitySql.FindMappings);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => CatalogNames.Of(id.Type)).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => id.Value).ToArray());
            var mappings = new Dictionary<ExternalId, KnownMapping>(ids.Count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var columns = new EntitySql.MappingOrdinals(reader);
            while (await reader.ReadAsync(ct))
            {
                var mapping = EntitySql.ReadMapping(reader, columns);
                mappings[mapping.Id] = mapping;
            }

            return mappings;
        }, cancellationToken);

        metrics.EntityLookups.Add(found.Count, new("tier", "postgres"), new("result", "hit"));
        metrics.EntityLookups.Add(ids.Count - found.Count, new("tier", "postgres"), new("result", "miss"));
        return found;
    }

    public async Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(
        string tenantId, IReadOnlyList<MatchQuery> queries, int perQuery, double minTitleSimilarity, CancellationToken cancellationToken)
    {
        // A large batch's searches are split over a few connections: each Postgres backend uses one core, and the
        // searches are independent, so on two cores 1,000 titles take about half as long.
        if (queries.Count < 2 * CandidateQueriesPerConnection)
        {
            return await QueryCandidatesAsync(tenantId, queries, perQuery, minTitleSimilarity, cancellationToken);
        }

        var chunkSize = Math.Max(CandidateQueriesPerConnection, (queries.Count + MaxCandidateConnections - 1) / MaxCandidateConnections);
        var chunks = await Task.WhenAll(queries.Chunk(chunkSize)
            .Select(chunk => QueryCandidatesAsync(tenantId, chunk, perQuery, minTitleSimilarity, cancellationToken)));
        return [.. chunks.SelectMany(candidates => candidates)];
    }

    private Task<IReadOnlyList<MatchCandidate>> QueryCandidatesAsync(
        string tenantId, IReadOnlyList<MatchQuery> queries, int perQuery, double minTitleSimilarity, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync<IReadOnlyList<MatchCandidate>>(async ct =>
        {
            await using var command = dataSource.CreateCommand(EntitySql.FindCandidates);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddArray(NpgsqlDbType.Integer, queries.Select(q => q.Index).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => CatalogNames.Of(q.Kind)).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => q.NormalizedTitle).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Integer, queries.Select(q => q.Year).ToArray());
            command.Parameters.Add(Embeddings(queries.Select(q => q.Embedding)));
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => TitleBands.Literal(tenantId, q.Kind, q.NormalizedTitle)).ToArray());
            command.Parameters.AddValue(perQuery);
            command.Parameters.AddValue(minTitleSimilarity);
            command.Parameters.AddValue(NearTitlesReadPerQuery);
            var candidates = new List<MatchCandidate>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            var (ord, id, kind, year) = (reader.GetOrdinal("ord"), reader.GetOrdinal("id"), reader.GetOrdinal("kind"), reader.GetOrdinal("year"));
            var (titleSimilarity, embeddingSimilarity) = (reader.GetOrdinal("title_similarity"), reader.GetOrdinal("embedding_similarity"));
            var title = reader.GetOrdinal("title");
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(new MatchCandidate(
                    reader.GetInt32(ord), reader.GetGuid(id), EntitySql.ParseKind(reader.GetString(kind)),
                    reader.IsDBNull(year) ? null : reader.GetInt32(year),
                    reader.IsDBNull(titleSimilarity) ? null : reader.GetFloat(titleSimilarity),
                    reader.IsDBNull(embeddingSimilarity) ? null : reader.GetDouble(embeddingSimilarity),
                    reader.GetString(title)));
            }

            return candidates;
        }, cancellationToken).AsTask();

    public Task<SaveResult> SaveAsync(
        string tenantId, IReadOnlyList<Entity> newEntities, IReadOnlyList<MappingWrite> mappings, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            // One lock order for every transaction (concurrent batches upserting overlapping ids cannot deadlock).
            var ordered = mappings.OrderBy(m => m.Id.Type).ThenBy(m => m.Id.Value, StringComparer.Ordinal).ToList();
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (newEntities.Count > 0)
            {
                var insert = new NpgsqlBatchCommand(EntitySql.InsertEntities);
                insert.Parameters.AddValue(tenantId);
                insert.Parameters.AddArray(NpgsqlDbType.Uuid, newEntities.Select(e => e.Id).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => CatalogNames.Of(e.Kind)).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => e.Title).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => e.NormalizedTitle).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Integer, newEntities.Select(e => e.Year).ToArray());
                insert.Parameters.Add(Embeddings(newEntities.Select(e => e.Embedding)));
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => TitleBands.Literal(tenantId, e.Kind, e.NormalizedTitle)).ToArray());
                batch.BatchCommands.Add(insert);
            }

            // Never lowers confidence; an id already pointing at another entity is left alone and not returned.
            var upsert = new NpgsqlBatchCommand(EntitySql.UpsertMappings);
            upsert.Parameters.AddValue(tenantId);
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => CatalogNames.Of(m.Id.Type)).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => m.Id.Value).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Uuid, ordered.Select(m => m.EntityId).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Double, ordered.Select(m => m.Confidence).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => CatalogNames.Of(m.Method)).ToArray());
            batch.BatchCommands.Add(upsert);
            if (newEntities.Count > 0)
            {
                // New titles go into the trigram index in bulk, so searches do not scan them one by one.
                batch.BatchCommands.Add(new NpgsqlBatchCommand(EntitySql.FlushTitleIndex));
            }

            var stored = new List<KnownMapping>(ordered.Count);
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.SkipToRowsAsync(ct);
                var columns = new EntitySql.MappingOrdinals(reader);
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(EntitySql.ReadMapping(reader, columns));
                }
            }

            if (stored.Count < ordered.Count)
            {
                await transaction.RollbackAsync(ct);
                return new SaveResult(false, []);
            }

            await transaction.CommitAsync(ct);
            return new SaveResult(true, stored);
        }, cancellationToken).AsTask();

    public Task<StoredEntity?> GetAsync(string tenantId, Guid entityId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var batch = dataSource.CreateBatch();
            var entity = new NpgsqlBatchCommand(EntitySql.GetEntity);
            entity.Parameters.AddValue(tenantId);
            entity.Parameters.AddValue(entityId);
            var mappings = new NpgsqlBatchCommand(EntitySql.GetEntityMappings);
            mappings.Parameters.AddValue(tenantId);
            mappings.Parameters.AddValue(entityId);
            batch.BatchCommands.Add(entity);
            batch.BatchCommands.Add(mappings);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            var found = new Entity(
                reader.GetGuid("id"), EntitySql.ParseKind(reader.GetString("kind")), reader.GetString("title"),
                reader.IsDBNull("year") ? null : reader.GetInt32("year"),
                reader.IsDBNull("embedding") ? null : reader.GetFieldValue<Vector>("embedding").ToArray());
            var createdAt = reader.GetFieldValue<DateTimeOffset>("created_at");
            var updatedAt = reader.GetFieldValue<DateTimeOffset>("updated_at");
            Guid? mergedInto = reader.IsDBNull("merged_into") ? null : reader.GetGuid("merged_into");
            await reader.NextResultAsync(ct);
            var ids = new List<EntityMapping>();
            var (idType, externalId, confidence, method) =
                (reader.GetOrdinal("id_type"), reader.GetOrdinal("external_id"), reader.GetOrdinal("confidence"), reader.GetOrdinal("method"));
            var (mappingCreatedAt, mappingUpdatedAt) = (reader.GetOrdinal("created_at"), reader.GetOrdinal("updated_at"));
            while (await reader.ReadAsync(ct))
            {
                ids.Add(new EntityMapping(
                    ExternalId.FromCanonical(EntitySql.ParseType(reader.GetString(idType)), reader.GetString(externalId)), entityId,
                    reader.GetDouble(confidence), Enum.Parse<ResolutionMethod>(reader.GetString(method), ignoreCase: true),
                    reader.GetFieldValue<DateTimeOffset>(mappingCreatedAt), reader.GetFieldValue<DateTimeOffset>(mappingUpdatedAt)));
            }

            return new StoredEntity(found, createdAt, updatedAt, ids, mergedInto);
        }, cancellationToken).AsTask();

    /// <summary>
    /// Embeddings as one binary <c>vector[]</c> parameter (the data source maps <see cref="Vector"/> through
    /// UseVector), null where an item has none: no text to format here and parse per row in Postgres.
    /// </summary>
    private static NpgsqlParameter Embeddings(IEnumerable<float[]?> embeddings) =>
        new() { Value = embeddings.Select(e => e is null ? null : new Vector(e)).ToArray() };
}
