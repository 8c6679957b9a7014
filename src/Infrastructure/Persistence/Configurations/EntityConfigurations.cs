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
