namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// The statements of <see cref="PostgresInteractionStore"/> and <see cref="InteractionGroupCommitWriter"/>. Each takes $1
/// tenant and $2 user first, unless it says otherwise.
/// </summary>
internal static class InteractionSql
{
    /// <summary>The profile, locked until the transaction ends: the user's concurrent requests take turns.</summary>
    public const string LockProfile = """
        SELECT taste_mean, embedding_model, weight_total, as_of, interaction_count, preference_vector
        FROM user_profiles WHERE user_id = $2 AND tenant_id = $1
        FOR UPDATE
        """;

    // The batch statements below serve the group-commit writer: many users' interactions at once, one row per
    // interaction in parallel arrays. They take no leading tenant and user.

    /// <summary>
    /// Of interactions ($1 write, $2 index in the write, $3 tenant, $4 entity), those whose title is not in the
    /// write's tenant.
    /// </summary>
    public const string UnknownEntities = """
        SELECT q.write, q.index
        FROM unnest($1::int[], $2::int[], $3::text[], $4::uuid[]) AS q(write, index, tenant_id, entity_id)
        WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = q.entity_id AND e.tenant_id = q.tenant_id)
        """;

    /// <summary>A profile row to lock for each user ($1 tenants, $2 users) who has none yet (the epoch stands for "never": weight 0).</summary>
    public const string EnsureProfiles = """
        INSERT INTO user_profiles (user_id, tenant_id, weight_total, as_of, interaction_count)
        SELECT q.user_id, q.tenant_id, 0, '1970-01-01Z', 0 FROM unnest($1::text[], $2::text[]) AS q(tenant_id, user_id)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The profiles of $1 tenants and $2 users, locked until the transaction ends, always in one order so that
    /// concurrent flushes cannot deadlock: a user's concurrent requests take turns.
    /// </summary>
    public const string LockProfiles = """
        SELECT p.tenant_id, p.user_id, p.taste_mean, p.embedding_model, p.weight_total, p.as_of, p.interaction_count, p.preference_vector
        FROM user_profiles p
        JOIN unnest($1::text[], $2::text[]) AS q(tenant_id, user_id) ON p.user_id = q.user_id AND p.tenant_id = q.tenant_id
        ORDER BY p.tenant_id, p.user_id
        FOR UPDATE OF p
        """;

    /// <summary>
    /// Interactions ($1 tenants, $2 users, $3 entities, $4 types, $5 weights, $6 ratings, $7 times, $8 event ids) not
    /// stored before (by event id, or by title, type and instant), returned with their title's embedding and its
    /// model. A title gone since the check is skipped rather than failing every write of the batch.
    /// </summary>
    public const string Insert = """
        WITH stored AS (
            INSERT INTO interactions (tenant_id, user_id, entity_id, type, weight, rating, occurred_at, event_id)
            SELECT q.tenant_id, q.user_id, q.entity_id, q.type, q.weight, q.rating, q.occurred_at, q.event_id
            FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::float8[], $6::smallint[], $7::timestamptz[], $8::text[])
                 AS q(tenant_id, user_id, entity_id, type, weight, rating, occurred_at, event_id)
            WHERE EXISTS (SELECT 1 FROM entities e WHERE e.id = q.entity_id AND e.tenant_id = q.tenant_id)
            ON CONFLICT DO NOTHING
            RETURNING tenant_id, user_id, entity_id, type, occurred_at)
        SELECT s.tenant_id, s.user_id, s.entity_id, s.type, s.occurred_at, e.embedding_model, e.embedding
        FROM stored s JOIN entities e ON e.id = s.entity_id AND e.tenant_id = s.tenant_id
        """;

    /// <summary>
    /// $3 taste, $4 model, $5 weight total, $6 as of, $7 interaction count, $8 whether the taste has drifted from its
    /// indexed copy (<c>preference_vector</c>), which the preference index job then rewrites. The copy itself is left
    /// alone, so the update touches no index: it stays on its page (HOT).
    /// </summary>
    public const string UpdateProfile = """
        UPDATE user_profiles
        SET taste_mean = $3, preference_stale = preference_stale OR $8,
            embedding_model = $4, weight_total = $5, as_of = $6, interaction_count = $7, updated_at = now()
        WHERE user_id = $2 AND tenant_id = $1
        """;

    /// <summary>
    /// Up to $1 profiles whose taste drifted from the indexed copy get the copy rewritten (an HNSW insertion each).
    /// Profiles locked by an interaction being recorded are skipped until the next pass.
    /// </summary>
    public const string RefreshPreferenceVectors = """
        WITH stale AS (
            SELECT user_id, tenant_id FROM user_profiles WHERE preference_stale
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
        UPDATE user_profiles p SET preference_vector = p.taste_mean, preference_stale = false
        FROM stale s WHERE p.user_id = s.user_id AND p.tenant_id = s.tenant_id
        """;

    public const string LockProfileForErasure = "SELECT 1 FROM user_profiles WHERE user_id = $2 AND tenant_id = $1 FOR UPDATE";

    public const string DeleteInteractions = "DELETE FROM interactions WHERE user_id = $2 AND tenant_id = $1";

    public const string DeleteProfile = "DELETE FROM user_profiles WHERE user_id = $2 AND tenant_id = $1";

    /// <summary>$2 model, $3 the last user read (null to start), $4 count. Takes only $1 tenant, not a user.</summary>
    public const string UsersWithTasteNotOf = """
        SELECT user_id FROM user_profiles
        WHERE tenant_id = $1 AND embedding_model IS DISTINCT FROM $2 AND ($3::text IS NULL OR user_id > $3)
        ORDER BY user_id
        LIMIT $4
        """;

    /// <summary>$3 model: every interaction of the user with its title's embedding when of the model.</summary>
    public const string History = """
        SELECT i.weight, i.occurred_at, CASE WHEN e.embedding_model = $3 THEN e.embedding END
        FROM interactions i JOIN entities e ON e.id = i.entity_id AND e.tenant_id = i.tenant_id
        WHERE i.user_id = $2 AND i.tenant_id = $1
        """;
}
