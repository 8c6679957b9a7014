using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using Npgsql;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// The statements of <see cref="PostgresEntityStore"/>, each set-based (one statement whatever the number of ids),
/// and the reader of the mapping rows they return. Every statement takes $1 tenant first.
/// </summary>
internal static class EntitySql
{
    /// <summary>
    /// The stored mappings of the given ids ($2 id types, $3 external ids), as <see cref="MappingOrdinals"/> reads
    /// them. One index probe per id, whatever the statistics say: as a plain join, a tenant the planner had not seen
    /// yet was estimated at one row, so it scanned the tenant's mappings once per id (0.9 s for 1,000). LIMIT keeps
    /// the subquery from being flattened back into that join.
    /// </summary>
    public const string FindMappings = """
        SELECT m.id_type, m.external_id, m.entity_id, m.confidence
        FROM unnest($2::text[], $3::text[]) AS q(id_type, external_id)
        CROSS JOIN LATERAL (
            SELECT m.id_type, m.external_id, m.entity_id, m.confidence FROM entity_mappings m
            WHERE m.external_id = q.external_id AND m.id_type = q.id_type AND m.tenant_id = $1
            LIMIT 1) AS m
        """;

    /// <summary>
    /// Candidates per query ($2 ord, $3 kind, $4 normalised title, $5 year, $6 embedding, $7 title bands as int[]
    /// text; $8 candidates per query, $9 title similarity floor, $10 near titles read at most), each branch bounded
    /// by a LIMIT on an index, whatever the tenant's size (ADR 11): titles with the same words (pg_trgm similarity
    /// 1, whatever their order), through the title-key btree; when there are none, titles sharing a MinHash band
    /// (TitleBands), through the GIN index, ranked by similarity above the floor; and the nearest embeddings (HNSW).
    /// A merged entity (a redirect) is never a candidate: its survivor is.
    /// </summary>
    public const string FindCandidates = """
        SELECT q.ord, e.id, e.kind, e.year, e.title,
               CASE WHEN q.title IS NULL THEN NULL ELSE similarity(e.normalized_title, q.title) END AS title_similarity,
               CASE WHEN q.embedding IS NULL OR e.embedding IS NULL THEN NULL ELSE 1 - (e.embedding <=> q.embedding) END
                   AS embedding_similarity
        FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::vector[], $7::text[])
             AS q(ord, kind, title, year, embedding, bands)
        CROSS JOIN LATERAL (SELECT entity_title_key(q.title) AS title_key, q.bands::int[] AS bands) AS k
        CROSS JOIN LATERAL (
            (SELECT t.id FROM entities t
             WHERE t.title_key = k.title_key AND t.kind = q.kind AND t.tenant_id = $1 AND t.merged_into IS NULL
               AND (q.year IS NULL OR t.year IS NULL OR t.year BETWEEN q.year - 1 AND q.year + 1)
             ORDER BY t.id
             LIMIT $8)
            UNION
            (SELECT near.id FROM (
                -- Bands only: they hash the tenant and kind already. With tenant_id here, the planner ANDed the
                -- bands with an index holding tenant_id and read every title of the tenant per query (ADR 6).
                SELECT t.id, t.tenant_id, t.kind, t.year, t.normalized_title, t.merged_into FROM entities t
                WHERE t.title_bands && k.bands
                  AND NOT EXISTS (
                      SELECT 1 FROM entities same
                      WHERE same.title_key = k.title_key AND same.kind = q.kind AND same.tenant_id = $1 AND same.merged_into IS NULL
                        AND (q.year IS NULL OR same.year IS NULL OR same.year BETWEEN q.year - 1 AND q.year + 1))
                LIMIT $10) AS near
             WHERE near.tenant_id = $1 AND near.kind = q.kind AND near.merged_into IS NULL
               AND (q.year IS NULL OR near.year IS NULL OR near.year BETWEEN q.year - 1 AND q.year + 1)
               AND similarity(near.normalized_title, q.title) >= $9
             ORDER BY similarity(near.normalized_title, q.title) DESC, near.id
             LIMIT $8)
            UNION
            (SELECT v.id FROM entities v
             WHERE q.embedding IS NOT NULL AND v.embedding IS NOT NULL AND v.tenant_id = $1 AND v.kind = q.kind AND v.merged_into IS NULL
               AND (q.year IS NULL OR v.year IS NULL OR v.year BETWEEN q.year - 1 AND q.year + 1)
             ORDER BY v.embedding <=> q.embedding
             LIMIT $8)
        ) AS nearest
        JOIN entities e ON e.id = nearest.id
        """;

    /// <summary>New entities: $2 ids, $3 kinds, $4 titles, $5 normalised titles, $6 years, $7 embeddings, $8 title bands as int[] text.</summary>
    public const string InsertEntities = """
        INSERT INTO entities (id, tenant_id, kind, title, normalized_title, year, embedding, title_bands)
        SELECT q.id, $1, q.kind, q.title, q.normalized_title, q.year, q.embedding, q.bands::int[]
        FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::vector[], $8::text[])
             AS q(id, kind, title, normalized_title, year, embedding, bands)
        """;

    /// <summary>
    /// Mappings ($2 id types, $3 external ids, $4 entities, $5 confidences, $6 methods), returned as
    /// <see cref="MappingOrdinals"/> reads them. Never lowers confidence; an id already pointing at another entity
    /// is left alone and not returned.
    /// </summary>
    public const string UpsertMappings = """
        INSERT INTO entity_mappings AS m (tenant_id, id_type, external_id, entity_id, confidence, method)
        SELECT $1, q.id_type, q.external_id, q.entity_id, q.confidence, q.method
        FROM unnest($2::text[], $3::text[], $4::uuid[], $5::float8[], $6::text[]) AS q(id_type, external_id, entity_id, confidence, method)
        ON CONFLICT (tenant_id, external_id, id_type) DO UPDATE
        SET confidence = GREATEST(m.confidence, EXCLUDED.confidence),
            method = CASE WHEN EXCLUDED.confidence > m.confidence THEN EXCLUDED.method ELSE m.method END,
            updated_at = CASE WHEN EXCLUDED.confidence > m.confidence THEN now() ELSE m.updated_at END
        WHERE m.entity_id = EXCLUDED.entity_id
        RETURNING m.id_type, m.external_id, m.entity_id, m.confidence
        """;

    /// <summary>
    /// Moves new titles from the title bands index's pending list into the index in bulk, so searches do not scan them
    /// one by one (EntityRowConfiguration; the function is in migration EntitySearchPlans). Takes no parameter.
    /// </summary>
    public const string FlushTitleIndex = "SELECT flush_entity_title_index()";

    /// <summary>One entity: $2 entity id.</summary>
    public const string GetEntity = """
        SELECT id, kind, title, year, embedding, created_at, updated_at, merged_into FROM entities WHERE tenant_id = $1 AND id = $2
        """;

    /// <summary>One entity's mappings: $2 entity id.</summary>
    public const string GetEntityMappings = """
        SELECT id_type, external_id, confidence, method, created_at, updated_at
        FROM entity_mappings WHERE tenant_id = $1 AND entity_id = $2
        ORDER BY id_type, created_at, external_id
        """;

    /// <summary>Where a mapping's columns (id_type, external_id, entity_id, confidence) sit, looked up by name once per result set.</summary>
    public readonly struct MappingOrdinals(NpgsqlDataReader reader)
    {
        public int IdType { get; } = reader.GetOrdinal("id_type");
        public int ExternalId { get; } = reader.GetOrdinal("external_id");
        public int EntityId { get; } = reader.GetOrdinal("entity_id");
        public int Confidence { get; } = reader.GetOrdinal("confidence");
    }

    public static KnownMapping ReadMapping(NpgsqlDataReader reader, in MappingOrdinals column) => new(
        ExternalId.FromCanonical(ParseType(reader.GetString(column.IdType)), reader.GetString(column.ExternalId)),
        reader.GetGuid(column.EntityId),
        reader.GetDouble(column.Confidence));

    public static ExternalIdType ParseType(string name) =>
        ExternalId.TryParseType(name, out var type)
            ? type
            : throw new FormatException($"Unknown id_type '{name}' in entity_mappings.");

    public static EntityKind ParseKind(string name) => Enum.Parse<EntityKind>(name, ignoreCase: true);
}
