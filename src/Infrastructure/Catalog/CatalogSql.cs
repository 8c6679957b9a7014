namespace MediaGateway.Infrastructure.Catalog;

/// <summary>The statements of <see cref="PostgresCatalogStore"/>. Every statement takes $1 tenant first.</summary>
internal static class CatalogSql
{
    /// <summary>
    /// Titles ($2 ids, $3 kinds, $4 titles, $5 normalised titles, $6 years, $7 embeddings, $8 models, $9 genres as
    /// JSON arrays, $10 descriptions, $11 metadata, $12 title bands as int[] text): inserted, or updated when the tenant already has the id.
    /// Returns the ids stored; an id of another tenant's title is neither updated nor returned.
    /// </summary>
    public const string Upsert = """
        INSERT INTO entities AS e (id, tenant_id, kind, title, normalized_title, year, embedding, embedding_model, genres, description, metadata, title_bands)
        SELECT q.id, $1, q.kind, q.title, q.normalized_title, q.year, q.embedding, q.model,
               ARRAY(SELECT jsonb_array_elements_text(q.genres::jsonb)), q.description, q.metadata::jsonb, q.bands::int[]
        FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::vector[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
             AS q(id, kind, title, normalized_title, year, embedding, model, genres, description, metadata, bands)
        ON CONFLICT (id) DO UPDATE
        SET kind = EXCLUDED.kind, title = EXCLUDED.title, normalized_title = EXCLUDED.normalized_title, year = EXCLUDED.year,
            title_bands = EXCLUDED.title_bands,
            embedding = EXCLUDED.embedding, embedding_model = EXCLUDED.embedding_model, genres = EXCLUDED.genres,
            description = EXCLUDED.description, metadata = EXCLUDED.metadata, updated_at = now()
        WHERE e.tenant_id = EXCLUDED.tenant_id
        RETURNING e.id
        """;

    /// <summary>$2 model.</summary>
    public const string CountNotEmbeddedBy = """
        SELECT count(*)::int FROM entities WHERE tenant_id = $1 AND embedding_model IS DISTINCT FROM $2
        """;

    /// <summary>$2 model, $3 the last id read (null to start), $4 count.</summary>
    public const string ReadNotEmbeddedBy = """
        SELECT id, kind, title, year, genres, description, metadata::text AS metadata
        FROM entities
        WHERE tenant_id = $1 AND embedding_model IS DISTINCT FROM $2 AND ($3::uuid IS NULL OR id > $3)
        ORDER BY id
        LIMIT $4
        """;

    /// <summary>$2 model, $3 ids, $4 embeddings.</summary>
    public const string SetEmbeddings = """
        UPDATE entities AS e SET embedding = q.embedding, embedding_model = $2, updated_at = now()
        FROM unnest($3::uuid[], $4::vector[]) AS q(id, embedding)
        WHERE e.id = q.id AND e.tenant_id = $1
        """;
}
