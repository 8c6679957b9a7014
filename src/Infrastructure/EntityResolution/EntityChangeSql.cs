namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// The statements of <see cref="PostgresEntityChangeStore"/>. Every statement but the refresher's takes $1 tenant first. Moved
/// mappings are returned as <see cref="EntitySql.MappingOrdinals"/> reads them.
/// </summary>
internal static class EntityChangeSql
{
    /// <summary>
    /// Every tenant's mappings that a merge or split moved since $1, with their tenant (the cache refresher's
    /// repair of L2; the only statement here not scoped to one tenant). The change lists each id as
    /// "type:value"; a type holds no colon.
    /// </summary>
    public const string MappingsMovedSince = """
        SELECT m.tenant_id, m.id_type, m.external_id, m.entity_id, m.confidence
        FROM entity_changes c
        CROSS JOIN LATERAL unnest(c.external_ids) AS x(id)
        JOIN entity_mappings m ON m.tenant_id = c.tenant_id AND m.id_type = split_part(x.id, ':', 1)
                              AND m.external_id = substr(x.id, strpos(x.id, ':') + 1)
        WHERE c.occurred_at > $1
        """;

    /// <summary>
    /// Locks the entities $2 (uuid[]) and says where each redirects to. Always in id order, so two merges of the
    /// same pair in opposite directions wait for each other instead of deadlocking. FOR UPDATE (not NO KEY
    /// UPDATE) also holds back the key-share lock of a mapping written to one of them meanwhile, which then sees
    /// the merge's outcome (trigger entity_mappings_follow_merge).
    /// </summary>
    public const string LockEntities = """
        SELECT id, merged_into FROM entities WHERE tenant_id = $1 AND id = ANY($2) ORDER BY id FOR UPDATE
        """;

    /// <summary>
    /// Merges $2 into $3 as $4 (actor): moves every mapping, turns $2 into a redirect along with the entities that
    /// redirected to it (so no chain forms), and records the change with the ids moved. updated_at moves on each
    /// moved mapping, so every instance's cache refresher re-reads it even if the invalidation message is lost.
    /// </summary>
    public const string Merge = """
        WITH moved AS (
            UPDATE entity_mappings SET entity_id = $3, updated_at = now()
            WHERE entity_id = $2 AND tenant_id = $1
            RETURNING id_type, external_id, entity_id, confidence),
        redirected AS (
            UPDATE entities SET merged_into = $3, updated_at = now()
            WHERE (id = $2 OR merged_into = $2) AND tenant_id = $1),
        recorded AS (
            INSERT INTO entity_changes (tenant_id, entity_id, kind, other_entity_id, external_ids, actor)
            SELECT $1, $2, 'merge', $3, coalesce(array_agg(id_type || ':' || external_id ORDER BY id_type, external_id), '{}'), $4
            FROM moved)
        SELECT id_type, external_id, entity_id, confidence FROM moved
        """;

    /// <summary>The ids of entity $2, each as type and canonical value.</summary>
    public const string EntityIds = """
        SELECT id_type, external_id FROM entity_mappings WHERE entity_id = $2 AND tenant_id = $1
        """;

    /// <summary>Entity $3, a copy of $2 in everything but its id and its mappings (title_key is generated from the title).</summary>
    public const string CopyEntity = """
        INSERT INTO entities (id, tenant_id, kind, title, normalized_title, year, embedding, embedding_model, genres, description, metadata, title_bands)
        SELECT $3, tenant_id, kind, title, normalized_title, year, embedding, embedding_model, genres, description, metadata, title_bands
        FROM entities WHERE id = $2 AND tenant_id = $1
        """;

    /// <summary>Moves the mappings $4 (types), $5 (canonical values) of entity $2 to $3 and records the split as $6 (actor).</summary>
    public const string Split = """
        WITH moved AS (
            UPDATE entity_mappings m SET entity_id = $3, updated_at = now()
            FROM unnest($4::text[], $5::text[]) AS q(id_type, external_id)
            WHERE m.external_id = q.external_id AND m.id_type = q.id_type AND m.tenant_id = $1 AND m.entity_id = $2
            RETURNING m.id_type, m.external_id, m.entity_id, m.confidence),
        recorded AS (
            INSERT INTO entity_changes (tenant_id, entity_id, kind, other_entity_id, external_ids, actor)
            SELECT $1, $2, 'split', $3, coalesce(array_agg(id_type || ':' || external_id ORDER BY id_type, external_id), '{}'), $6
            FROM moved)
        SELECT id_type, external_id, entity_id, confidence FROM moved
        """;

    /// <summary>Whether entity $2 exists.</summary>
    public const string EntityExists = "SELECT EXISTS (SELECT 1 FROM entities WHERE id = $2 AND tenant_id = $1)";

    /// <summary>The newest $3 changes with entity $2 on either side, newest first.</summary>
    public const string ListChanges = """
        SELECT id, kind, entity_id, other_entity_id, external_ids, actor, occurred_at
        FROM entity_changes
        WHERE (entity_id = $2 OR other_entity_id = $2) AND tenant_id = $1
        ORDER BY id DESC
        LIMIT $3
        """;
}
