using System.Globalization;
using System.Text;
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

    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public async Task<IReadOnlyDictionary<ExternalId, KnownMapping>> FindMappingsAsync(
        string tenantId, IReadOnlyCollection<ExternalId> ids, CancellationToken cancellationToken)
    {
        var found = await _retry.ExecuteAsync(async ct =>
        {
            // One index probe per id, whatever the statistics say: as a plain join, a tenant the planner had not
            // seen yet was estimated at one row, so it scanned the tenant's mappings once per id (0.9 s for 1,000).
            // LIMIT keeps the subquery from being flattened back into that join.
            await using var command = dataSource.CreateCommand("""
                SELECT m.id_type, m.external_id, m.entity_id, m.confidence
                FROM unnest($2::text[], $3::text[]) AS q(id_type, external_id)
                CROSS JOIN LATERAL (
                    SELECT m.id_type, m.external_id, m.entity_id, m.confidence FROM entity_mappings m
                    WHERE m.external_id = q.external_id AND m.id_type = q.id_type AND m.tenant_id = $1
                    LIMIT 1) AS m
                """);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => CatalogNames.Of(id.Type)).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, ids.Select(id => id.Value).ToArray());
            var mappings = new Dictionary<ExternalId, KnownMapping>(ids.Count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var mapping = ReadMapping(reader, 0);
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
            // Per query: titles containing one of its three longest words (LIKE on the trigram index, which uses
            // only the words' inner trigrams), ranked by pg_trgm similarity above the floor; and the nearest
            // embeddings (HNSW). Searching by the % operator instead costs every title's word-start trigrams,
            // shared by a large part of any catalog: about 3x slower per title at 20,000 entities, and growing.
            await using var command = dataSource.CreateCommand("""
                SELECT q.ord, e.id, e.kind, e.year,
                       CASE WHEN q.title IS NULL THEN NULL ELSE similarity(e.normalized_title, q.title) END,
                       CASE WHEN q.embedding IS NULL OR e.embedding IS NULL THEN NULL ELSE 1 - (e.embedding <=> q.embedding::vector) END
                FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])
                     AS q(ord, kind, title, year, embedding, w1, w2, w3)
                CROSS JOIN LATERAL (
                    (SELECT t.id FROM entities t
                     WHERE q.title IS NOT NULL AND t.tenant_id = $1 AND t.kind = q.kind
                       AND (t.normalized_title LIKE q.w1 OR t.normalized_title LIKE q.w2 OR t.normalized_title LIKE q.w3)
                       AND similarity(t.normalized_title, q.title) >= $11
                       AND (q.year IS NULL OR t.year IS NULL OR t.year BETWEEN q.year - 1 AND q.year + 1)
                     ORDER BY similarity(t.normalized_title, q.title) DESC, t.id
                     LIMIT $10)
                    UNION
                    (SELECT v.id FROM entities v
                     WHERE q.embedding IS NOT NULL AND v.embedding IS NOT NULL AND v.tenant_id = $1 AND v.kind = q.kind
                       AND (q.year IS NULL OR v.year IS NULL OR v.year BETWEEN q.year - 1 AND q.year + 1)
                     ORDER BY v.embedding <=> q.embedding::vector
                     LIMIT $10)
                ) AS nearest
                JOIN entities e ON e.id = nearest.id
                """);
            var words = queries.Select(q => SearchPatterns(q.NormalizedTitle)).ToList();
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddArray(NpgsqlDbType.Integer, queries.Select(q => q.Index).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => CatalogNames.Of(q.Kind)).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => q.NormalizedTitle).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Integer, queries.Select(q => q.Year).ToArray());
            command.Parameters.AddArray(NpgsqlDbType.Text, queries.Select(q => VectorLiteral(q.Embedding)).ToArray());
            for (var i = 0; i < 3; i++)
            {
                command.Parameters.AddArray(NpgsqlDbType.Text, words.Select(w => w?[i]).ToArray());
            }

            command.Parameters.AddValue(perQuery);
            command.Parameters.AddValue(minTitleSimilarity);
            var candidates = new List<MatchCandidate>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(new MatchCandidate(
                    reader.GetInt32(0), reader.GetGuid(1), ParseKind(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetFloat(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5)));
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
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO entities (id, tenant_id, kind, title, normalized_title, year, embedding)
                    SELECT q.id, $1, q.kind, q.title, q.normalized_title, q.year, q.embedding::vector
                    FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
                         AS q(id, kind, title, normalized_title, year, embedding)
                    """);
                insert.Parameters.AddValue(tenantId);
                insert.Parameters.AddArray(NpgsqlDbType.Uuid, newEntities.Select(e => e.Id).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => CatalogNames.Of(e.Kind)).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => e.Title).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => e.NormalizedTitle).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Integer, newEntities.Select(e => e.Year).ToArray());
                insert.Parameters.AddArray(NpgsqlDbType.Text, newEntities.Select(e => VectorLiteral(e.Embedding)).ToArray());
                batch.BatchCommands.Add(insert);
            }

            // Never lowers confidence; an id already pointing at another entity is left alone and not returned.
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO entity_mappings AS m (tenant_id, id_type, external_id, entity_id, confidence, method)
                SELECT $1, q.id_type, q.external_id, q.entity_id, q.confidence, q.method
                FROM unnest($2::text[], $3::text[], $4::uuid[], $5::float8[], $6::text[]) AS q(id_type, external_id, entity_id, confidence, method)
                ON CONFLICT (tenant_id, external_id, id_type) DO UPDATE
                SET confidence = GREATEST(m.confidence, EXCLUDED.confidence),
                    method = CASE WHEN EXCLUDED.confidence > m.confidence THEN EXCLUDED.method ELSE m.method END,
                    updated_at = CASE WHEN EXCLUDED.confidence > m.confidence THEN now() ELSE m.updated_at END
                WHERE m.entity_id = EXCLUDED.entity_id
                RETURNING m.id_type, m.external_id, m.entity_id, m.confidence
                """);
            upsert.Parameters.AddValue(tenantId);
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => CatalogNames.Of(m.Id.Type)).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => m.Id.Value).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Uuid, ordered.Select(m => m.EntityId).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Double, ordered.Select(m => m.Confidence).ToArray());
            upsert.Parameters.AddArray(NpgsqlDbType.Text, ordered.Select(m => CatalogNames.Of(m.Method)).ToArray());
            batch.BatchCommands.Add(upsert);
            if (newEntities.Count > 0)
            {
                // Moves the new titles from the trigram index's pending list into the index in bulk, so searches
                // do not scan them one by one (EntityRowConfiguration; the function is in migration EntitySearchPlans).
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT flush_entity_title_index()"));
            }

            var stored = new List<KnownMapping>(ordered.Count);
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.SkipToRowsAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(ReadMapping(reader, 0));
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
            var entity = new NpgsqlBatchCommand("""
                SELECT id, kind, title, year, embedding, created_at, updated_at FROM entities WHERE tenant_id = $1 AND id = $2
                """);
            entity.Parameters.AddValue(tenantId);
            entity.Parameters.AddValue(entityId);
            var mappings = new NpgsqlBatchCommand("""
                SELECT id_type, external_id, confidence, method, created_at, updated_at
                FROM entity_mappings WHERE tenant_id = $1 AND entity_id = $2
                ORDER BY id_type, created_at, external_id
                """);
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
                reader.GetGuid(0), ParseKind(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<Vector>(4).ToArray());
            var createdAt = reader.GetFieldValue<DateTimeOffset>(5);
            var updatedAt = reader.GetFieldValue<DateTimeOffset>(6);
            await reader.NextResultAsync(ct);
            var ids = new List<EntityMapping>();
            while (await reader.ReadAsync(ct))
            {
                ids.Add(new EntityMapping(
                    ExternalId.FromCanonical(ParseType(reader.GetString(0)), reader.GetString(1)), entityId,
                    reader.GetDouble(2), Enum.Parse<ResolutionMethod>(reader.GetString(3), ignoreCase: true),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }

            return new StoredEntity(found, createdAt, updatedAt, ids);
        }, cancellationToken).AsTask();

    internal static KnownMapping ReadMapping(NpgsqlDataReader reader, int first) => new(
        ExternalId.FromCanonical(ParseType(reader.GetString(first)), reader.GetString(first + 1)),
        reader.GetGuid(first + 2),
        reader.GetDouble(first + 3));

    internal static ExternalIdType ParseType(string name) =>
        ExternalId.TryParseType(name, out var type) ? type : throw new FormatException($"Unknown id_type '{name}' in entity_mappings.");

    private static EntityKind ParseKind(string name) => Enum.Parse<EntityKind>(name, ignoreCase: true);

    private static readonly HashSet<string> StopWords = ["and", "the", "for", "from", "with", "your", "you", "les", "des", "der", "die", "das", "del", "los", "las"];

    /// <summary>
    /// LIKE patterns for a normalised title's three longest distinct words (three or more letters, no stop
    /// words; repeated to fill three). A title with a similarity worth linking shares at least one such word; a
    /// title with none is matched by its whole text. Normalised titles hold only letters, digits and spaces, so
    /// nothing needs escaping.
    /// </summary>
    internal static string[]? SearchPatterns(string? normalizedTitle)
    {
        if (normalizedTitle is null)
        {
            return null;
        }

        var words = normalizedTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .Distinct().OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(3)
            .Select(w => $"%{w}%").ToList();
        if (words.Count == 0)
        {
            return [normalizedTitle, normalizedTitle, normalizedTitle];
        }

        while (words.Count < 3)
        {
            words.Add(words[0]);
        }

        return [.. words];
    }

    /// <summary>pgvector's text form, '[0.1,0.2,...]': set-based statements pass embeddings as text[] and cast per row.</summary>
    private static string? VectorLiteral(float[]? embedding)
    {
        if (embedding is null)
        {
            return null;
        }

        var text = new StringBuilder(embedding.Length * 10).Append('[');
        for (var i = 0; i < embedding.Length; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(embedding[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
