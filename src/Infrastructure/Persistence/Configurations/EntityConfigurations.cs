using MediaGateway.Domain.EntityResolution;
using MediaGateway.Application.Catalog;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure.EntityResolution;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaGateway.Infrastructure.Persistence.Configurations;

internal sealed class EntityRowConfiguration : IEntityTypeConfiguration<EntityRow>
{
    public void Configure(EntityTypeBuilder<EntityRow> builder)
    {
        builder.ToTable("entities", table =>
        {
            table.HasCheckConstraint("ck_entities_kind", "kind IN ('movie', 'series', 'season', 'episode')");
            table.HasCheckConstraint("ck_entities_year", $"year IS NULL OR year BETWEEN {Entity.MinYear} AND {Entity.MaxYear}");
            table.HasCheckConstraint("ck_entities_not_merged_into_itself", "merged_into <> id");
        });
        builder.HasKey(e => e.Id).HasName("pk_entities");
        // Mappings reference (id, tenant_id), so a mapping can never point at another tenant's entity. Id leads: an
        // index led by tenant_id looks cheap to the planner for a tenant its statistics have not seen yet (a new
        // tenant's first ingestion), and it then filtered every title of the tenant for each search, seconds per batch.
        builder.HasAlternateKey(e => new { e.Id, e.TenantId }).HasName("ak_entities_id_tenant");
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(e => e.Title).HasColumnName("title").HasMaxLength(TitleNormalizer.MaxTitleLength);
        builder.Property(e => e.NormalizedTitle).HasColumnName("normalized_title").HasMaxLength(TitleNormalizer.MaxTitleLength);
        builder.Property(e => e.Year).HasColumnName("year");
        builder.Property(e => e.Embedding).HasColumnName("embedding").HasColumnType($"vector({Entity.EmbeddingDimensions})");
        builder.Property(e => e.EmbeddingModel).HasColumnName("embedding_model").HasMaxLength(CatalogLimits.MaxModelIdLength);
        builder.Property(e => e.Genres).HasColumnName("genres").HasDefaultValueSql("'{}'::text[]");
        builder.Property(e => e.Description).HasColumnName("description").HasMaxLength(CatalogLimits.MaxDescriptionLength);
        builder.Property(e => e.Metadata).HasColumnName("metadata").HasColumnType("jsonb");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");

        // Candidate search (ADR 11): titles with the same words through this btree, bounded by LIMIT; near titles
        // through MinHash bands on GIN. Neither index is led by tenant_id (ADR 6); the bands hash the tenant.
        builder.Property(e => e.TitleKey).HasColumnName("title_key").HasMaxLength(TitleNormalizer.MaxTitleLength)
            .HasComputedColumnSql("entity_title_key(normalized_title)", stored: true);
        builder.Property(e => e.TitleBands).HasColumnName("title_bands");
        builder.HasIndex(e => new { e.TitleKey, e.Kind, e.TenantId, e.Year }, "idx_entities_title_key");
        // Inserts go to GIN's pending list and are moved into the index in bulk after every batch of new entities
        // (flush_entity_title_index), about half the cost of inserting each title's bands one by one; the list is
        // kept small (64 kB) because every search scans it.
        // Titles whose bands are not written yet (stored before the column), for TitleBandsJob: empty once it ran.
        builder.HasIndex(e => e.Id, "idx_entities_title_bands_missing").HasFilter("title_bands IS NULL");
        builder.HasIndex(e => e.TitleBands, "idx_entities_title_bands")
            .HasMethod("gin")
            .HasStorageParameter("fastupdate", true).HasStorageParameter("gin_pending_list_limit", 64);
        // The spec's parameters (pgvector's defaults too), written down so a default change cannot alter the index.
        builder.HasIndex(e => e.Embedding, "idx_entities_embedding_hnsw")
            .HasMethod("hnsw").HasOperators("vector_cosine_ops")
            .HasStorageParameter("m", 16).HasStorageParameter("ef_construction", 64);
        // A tenant's titles of one model, for exact nearest-neighbour search in small tenants and for counting them.
        // Led by the model, which every such query bounds, not by the tenant (ADR 6).
        builder.HasIndex(e => new { e.EmbeddingModel, e.TenantId }, "idx_entities_model_tenant");

        // A merged entity redirects to its survivor, always of the same tenant (the key holds the tenant). The
        // index serves the foreign key and a later merge of the survivor, which moves its redirects along with it.
        builder.Property(e => e.MergedInto).HasColumnName("merged_into");
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(e => new { e.MergedInto, e.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_entities_merged_into").OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.MergedInto, e.TenantId }, "idx_entities_merged_into").HasFilter("merged_into IS NOT NULL");
    }
}

internal sealed class EntityMappingRowConfiguration : IEntityTypeConfiguration<EntityMappingRow>
{
    public void Configure(EntityTypeBuilder<EntityMappingRow> builder)
    {
        builder.ToTable("entity_mappings", table =>
        {
            table.HasCheckConstraint("ck_entity_mappings_confidence", "confidence >= 0 AND confidence <= 1");
            table.HasCheckConstraint("ck_entity_mappings_id_type", "id_type IN ('eidr', 'imdb', 'tmdb', 'tvdb')");
            table.HasCheckConstraint("ck_entity_mappings_method", "method IN ('exact', 'fuzzy', 'embedding', 'created')");
        });
        builder.HasKey(m => m.Id).HasName("pk_entity_mappings");
        builder.Property(m => m.Id).HasColumnName("id").HasDefaultValueSql("gen_random_uuid()");
        builder.Property(m => m.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(m => m.ExternalId).HasColumnName("external_id").HasMaxLength(ExternalId.MaxValueLength);
        builder.Property(m => m.IdType).HasColumnName("id_type").HasMaxLength(20);
        builder.Property(m => m.EntityId).HasColumnName("entity_id");
        builder.Property(m => m.Confidence).HasColumnName("confidence").HasDefaultValue(1.0);
        builder.Property(m => m.Method).HasColumnName("method").HasMaxLength(16);
        builder.Property(m => m.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(m => m.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");

        // No index here is led by tenant_id: for a tenant its statistics have not seen yet (a new tenant's first
        // ingestion), the planner took such an index for an exact lookup and walked the tenant's mappings.
        // The lookup key, in the spec's order; it also serves the spec's idx_entity_mappings_external.
        builder.HasIndex(m => new { m.ExternalId, m.IdType, m.TenantId }, "uq_entity_mappings_external").IsUnique();
        builder.HasIndex(m => new { m.EntityId, m.TenantId }, "idx_entity_mappings_entity");
        builder.HasIndex(m => m.IdType, "idx_entity_mappings_type");
        // Warm-up takes the newest mappings; the cache refresher reads what changed since its last pass.
        builder.HasIndex(m => m.UpdatedAt, "idx_entity_mappings_updated");
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(m => new { m.EntityId, m.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_entity_mappings_entity").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EntityChangeRowConfiguration : IEntityTypeConfiguration<EntityChangeRow>
{
    public void Configure(EntityTypeBuilder<EntityChangeRow> builder)
    {
        builder.ToTable("entity_changes", table => table.HasCheckConstraint("ck_entity_changes_kind", "kind IN ('merge', 'split')"));
        builder.HasKey(c => c.Id).HasName("pk_entity_changes");
        builder.Property(c => c.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(c => c.EntityId).HasColumnName("entity_id");
        builder.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(8);
        builder.Property(c => c.OtherEntityId).HasColumnName("other_entity_id");
        builder.Property(c => c.ExternalIds).HasColumnName("external_ids");
        builder.Property(c => c.Actor).HasColumnName("actor").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(c => c.OccurredAt).HasColumnName("occurred_at").HasDefaultValueSql("now()");

        // An entity's history lists the changes with it on either side, newest first: one index per side, led by
        // the entity, not the tenant (ADR 6), ending in the id the list is ordered by.
        builder.HasIndex(c => new { c.EntityId, c.TenantId, c.Id }, "idx_entity_changes_entity");
        builder.HasIndex(c => new { c.OtherEntityId, c.TenantId, c.Id }, "idx_entity_changes_other_entity");
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(c => new { c.EntityId, c.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_entity_changes_entity").OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(c => new { c.OtherEntityId, c.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_entity_changes_other_entity").OnDelete(DeleteBehavior.Cascade);
    }
}
