namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>The statements of <see cref="PostgresRecommendationStore"/>. Each takes $1 tenant first.</summary>
internal static class RecommendationSql
{
    /// <summary>$2 user, $3 model: the exact taste when it is of the model, and the interaction count.</summary>
    public const string Taste = """
        SELECT CASE WHEN embedding_model = $3 THEN taste_mean END, interaction_count
        FROM user_profiles WHERE user_id = $2 AND tenant_id = $1
        """;

    /// <summary>$2 user, $3 model, $4 count: the titles of the newest positive interactions, newest first.</summary>
    public const string RecentSignals = """
        SELECT e.id, e.title, e.embedding
        FROM (SELECT entity_id, max(occurred_at) AS last
              FROM (SELECT entity_id, occurred_at FROM interactions
                    WHERE user_id = $2 AND tenant_id = $1 AND weight > 0
                    ORDER BY occurred_at DESC LIMIT $4 * 5) AS newest
              GROUP BY entity_id ORDER BY last DESC LIMIT $4) AS recent
        JOIN entities e ON e.id = recent.entity_id AND e.tenant_id = $1 AND e.embedding_model = $3
        ORDER BY recent.last DESC
        """;

    /// <summary>
    /// $2 user: titles never to recommend: every title the user has interacted with (seen, rated, disliked, saved:
    /// a recommendation is for something new), and those completed in the sync feature's progress under a content
    /// id that is an entity id.
    /// </summary>
    public const string Excluded = """
        SELECT entity_id FROM interactions WHERE user_id = $2 AND tenant_id = $1
        UNION
        SELECT p.content_id::uuid FROM user_progress p
        WHERE p.tenant_id = $1 AND p.user_id = $2 AND p.completed
          AND p.content_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
        """;

    /// <summary>$2 model: how many titles of the model the tenant has (chooses exact or approximate search).</summary>
    public const string CountTitles = "SELECT count(*)::int FROM entities WHERE embedding_model = $2 AND tenant_id = $1";

    // The filters of a nearest-title search: $2 model, $4 kind, $5 genre, $6 excluded ids.
    private const string NearestFilter = """
        e.tenant_id = $1 AND e.embedding_model = $2
          AND ($4::text IS NULL OR e.kind = $4) AND ($5::text IS NULL OR e.genres @> ARRAY[$5::text])
          AND NOT (e.id = ANY($6::uuid[]))
        """;

    /// <summary>
    /// Approximate nearest titles to $3 (limit $7) through the HNSW index. The tenant and the filters are applied
    /// to what the index walk yields, so the caller turns on iterative scans: the walk goes on until $7 rows pass.
    /// </summary>
    public const string NearestApproximate = $"""
        SELECT e.id, e.title, e.kind, e.year, e.embedding, e.embedding <=> $3 AS distance
        FROM entities e
        WHERE {NearestFilter}
        ORDER BY e.embedding <=> $3
        LIMIT $7
        """;

    /// <summary>
    /// Exact nearest titles to $3 (limit $7): every title of the tenant and model is compared. MATERIALIZED keeps the
    /// planner from turning the scan into an HNSW walk filtered afterwards, which under-returns for a small tenant.
    /// </summary>
    public const string NearestExact = $"""
        WITH tenant_titles AS MATERIALIZED (
            SELECT e.id, e.title, e.kind, e.year, e.embedding FROM entities e WHERE {NearestFilter})
        SELECT id, title, kind, year, embedding, embedding <=> $3 AS distance
        FROM tenant_titles
        ORDER BY embedding <=> $3
        LIMIT $7
        """;

    /// <summary>Settings for this transaction only: how wide the HNSW walk is, and that it goes on past filtered-out rows.</summary>
    public const string IterativeScan = """
        SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', $3, true),
               set_config('hnsw.max_scan_tuples', $2, true)
        """;

    /// <summary>$2 entity, $3 model.</summary>
    public const string Title = """
        SELECT id, title, kind, year, CASE WHEN embedding_model = $3 THEN embedding END
        FROM entities WHERE id = $2 AND tenant_id = $1
        """;

    /// <summary>$2 window, $3 kind, $4 genre, $5 count.</summary>
    public const string Trending = """
        SELECT t.entity_id, e.title, e.kind, e.year, t.score
        FROM trending_entities t
        JOIN entities e ON e.id = t.entity_id AND e.tenant_id = t.tenant_id
        WHERE t.time_window = $2 AND t.tenant_id = $1
          AND ($3::text IS NULL OR e.kind = $3) AND ($4::text IS NULL OR e.genres @> ARRAY[$4::text])
        ORDER BY t.score DESC, t.entity_id
        LIMIT $5
        """;

    /// <summary>$2 model, $3 kind, $4 genre, $5 count: the newest titles, scored 0.</summary>
    public const string Newest = """
        SELECT e.id, e.title, e.kind, e.year, 0::float8
        FROM entities e
        WHERE e.embedding_model = $2 AND e.tenant_id = $1
          AND ($3::text IS NULL OR e.kind = $3) AND ($4::text IS NULL OR e.genres @> ARRAY[$4::text])
        ORDER BY e.created_at DESC, e.id
        LIMIT $5
        """;
}
