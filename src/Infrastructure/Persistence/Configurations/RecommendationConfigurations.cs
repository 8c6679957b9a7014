using MediaGateway.Application.Catalog;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaGateway.Infrastructure.Persistence.Configurations;

internal sealed class InteractionRowConfiguration : IEntityTypeConfiguration<InteractionRow>
{
    public const int MaxEventIdLength = 100;

    public void Configure(EntityTypeBuilder<InteractionRow> builder)
    {
        var types = string.Join(", ", InteractionTypes.Names.All.Select(name => $"'{name}'"));
        builder.ToTable("interactions", table =>
        {
            table.HasCheckConstraint("ck_interactions_type", $"type IN ({types})");
            table.HasCheckConstraint("ck_interactions_rating",
                $"(type = 'rating') = (rating IS NOT NULL) AND (rating IS NULL OR rating BETWEEN {InteractionTypes.MinRating} AND {InteractionTypes.MaxRating})");
        });
        builder.HasKey(i => i.Id).HasName("pk_interactions");
        builder.Property(i => i.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(i => i.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(i => i.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(i => i.EntityId).HasColumnName("entity_id");
        builder.Property(i => i.Type).HasColumnName("type").HasMaxLength(16);
        builder.Property(i => i.Weight).HasColumnName("weight");
        builder.Property(i => i.Rating).HasColumnName("rating");
        builder.Property(i => i.OccurredAt).HasColumnName("occurred_at");
        builder.Property(i => i.EventId).HasColumnName("event_id").HasMaxLength(MaxEventIdLength);
        builder.Property(i => i.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");

        // Led by the user (ADR 6): a user's history, and the two ways a retried event is recognised.
        builder.HasIndex(i => new { i.UserId, i.TenantId, i.OccurredAt }, "idx_interactions_user_time");
        builder.HasIndex(i => new { i.UserId, i.TenantId, i.EventId }, "uq_interactions_event").IsUnique().HasFilter("event_id IS NOT NULL");
        // The spec's deduplication: one event of a type on a title at one instant.
        builder.HasIndex(i => new { i.UserId, i.TenantId, i.EntityId, i.Type, i.OccurredAt }, "uq_interactions_natural").IsUnique();
        // Trending reads the recent window of every tenant.
        builder.HasIndex(i => i.OccurredAt, "idx_interactions_occurred");
        builder.HasIndex(i => new { i.EntityId, i.TenantId }, "idx_interactions_entity");
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(i => new { i.EntityId, i.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_interactions_entity").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserProfileRowConfiguration : IEntityTypeConfiguration<UserProfileRow>
{
    public void Configure(EntityTypeBuilder<UserProfileRow> builder)
    {
        builder.ToTable("user_profiles", table => table.HasCheckConstraint("ck_user_profiles_counts", "interaction_count >= 0 AND weight_total >= 0"));
        // Room on each page for the new version of a row: an update that changes no indexed column then stays on
        // its page and adds no index entries (a HOT update), which is what most interactions do to a profile.
        builder.HasStorageParameter("fillfactor", 70);
        builder.HasKey(p => new { p.UserId, p.TenantId }).HasName("pk_user_profiles");
        builder.Property(p => p.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(p => p.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(p => p.PreferenceVector).HasColumnName("preference_vector").HasColumnType($"vector({CatalogVectors.Dimensions})");
        builder.Property(p => p.TasteMean).HasColumnName("taste_mean").HasColumnType($"vector({CatalogVectors.Dimensions})");
        builder.Property(p => p.EmbeddingModel).HasColumnName("embedding_model").HasMaxLength(CatalogLimits.MaxModelIdLength);
        builder.Property(p => p.WeightTotal).HasColumnName("weight_total");
        builder.Property(p => p.AsOf).HasColumnName("as_of");
        builder.Property(p => p.InteractionCount).HasColumnName("interaction_count");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");
        builder.Property(p => p.PreferenceStale).HasColumnName("preference_stale").HasDefaultValue(false);

        // What the preference index job has to do; small, as it holds only the profiles waiting for it.
        builder.HasIndex(p => new { p.TenantId, p.UserId }, "idx_user_profiles_preference_stale").HasFilter("preference_stale");

        // "Users like you": nearest preference vectors, same parameters as the catalog's index.
        builder.HasIndex(p => p.PreferenceVector, "idx_user_profiles_preference_hnsw")
            .HasMethod("hnsw").HasOperators("vector_cosine_ops")
            .HasStorageParameter("m", 16).HasStorageParameter("ef_construction", 64);
    }
}

internal sealed class TrendingEntityRowConfiguration : IEntityTypeConfiguration<TrendingEntityRow>
{
    public void Configure(EntityTypeBuilder<TrendingEntityRow> builder)
    {
        var windows = string.Join(", ", TrendingWindows.Names.All.Select(name => $"'{name}'"));
        builder.ToTable("trending_entities", table => table.HasCheckConstraint("ck_trending_entities_window", $"time_window IN ({windows})"));
        // Led by the window: every read names one window and one tenant.
        builder.HasKey(t => new { t.TimeWindow, t.TenantId, t.EntityId }).HasName("pk_trending_entities");
        builder.Property(t => t.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(t => t.TimeWindow).HasColumnName("time_window").HasMaxLength(8);
        builder.Property(t => t.EntityId).HasColumnName("entity_id");
        builder.Property(t => t.Score).HasColumnName("score");
        builder.Property(t => t.InteractionCount).HasColumnName("interaction_count");
        builder.Property(t => t.ComputedAt).HasColumnName("computed_at");

        builder.HasIndex(t => new { t.TimeWindow, t.TenantId, t.Score }, "idx_trending_entities_rank").IsDescending(false, false, true);
        builder.HasIndex(t => new { t.EntityId, t.TenantId }, "idx_trending_entities_entity");
        builder.HasOne<EntityRow>().WithMany()
            .HasForeignKey(t => new { t.EntityId, t.TenantId }).HasPrincipalKey(e => new { e.Id, e.TenantId })
            .HasConstraintName("fk_trending_entities_entity").OnDelete(DeleteBehavior.Cascade);
    }
}
