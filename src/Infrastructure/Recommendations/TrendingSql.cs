namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>The statements of <see cref="TrendingJob"/>: one window of every tenant at a time.</summary>
internal static class TrendingSql
{
    /// <summary>$1 window.</summary>
    public const string Clear = "DELETE FROM trending_entities WHERE time_window = $1";

    /// <summary>
    /// $1 window, $2 now, $3 window length (s), $4 half-life (s), $5 titles kept per tenant. Each interaction in the
    /// window counts its weight halved every half-life of its age; a title's score is the sum, kept when positive.
    /// </summary>
    public const string Materialise = """
        INSERT INTO trending_entities (tenant_id, time_window, entity_id, score, interaction_count, computed_at)
        SELECT tenant_id, $1, entity_id, score, interactions, $2
        FROM (SELECT tenant_id, entity_id, score, interactions,
                     row_number() OVER (PARTITION BY tenant_id ORDER BY score DESC, entity_id) AS rank
              FROM (SELECT tenant_id, entity_id, count(*)::int AS interactions,
                           sum(weight * power(2, -extract(epoch FROM ($2 - occurred_at)) / $4)) AS score
                    FROM interactions
                    WHERE occurred_at > $2 - make_interval(secs => $3) AND occurred_at <= $2
                    GROUP BY tenant_id, entity_id) AS scored
              WHERE score > 0) AS ranked
        WHERE rank <= $5
        """;
}
