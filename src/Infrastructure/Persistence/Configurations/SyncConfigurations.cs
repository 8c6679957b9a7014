using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaGateway.Infrastructure.Persistence.Configurations;

// Device ids compare with COLLATE "C" (byte order) so Postgres breaks LWW ties exactly as the domain's ordinal
// comparison does; device ids are printable ASCII, where the two orders agree.

internal sealed class ProgressRowConfiguration : IEntityTypeConfiguration<ProgressRow>
{
    public void Configure(EntityTypeBuilder<ProgressRow> builder)
    {
        builder.ToTable("user_progress", table =>
        {
            table.HasCheckConstraint("ck_user_progress_position", "position_seconds IS NULL OR (position_seconds >= 0 AND position_seconds <= duration_seconds)");
            table.HasCheckConstraint("ck_user_progress_duration", "duration_seconds IS NULL OR duration_seconds > 0");
            // States are stored by their wire names; a new state changes this constraint, and so needs a migration.
            table.HasCheckConstraint("ck_user_progress_state",
                $"state IS NULL OR state IN ({string.Join(", ", PlaybackStates.Names.All.Select(n => $"'{n}'"))})");
        });
        builder.HasKey(p => new { p.TenantId, p.UserId, p.ContentId }).HasName("pk_user_progress");
        builder.Property(p => p.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(p => p.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(p => p.ContentId).HasColumnName("content_id").HasMaxLength(ContentId.MaxLength);
        builder.Property(p => p.PositionSeconds).HasColumnName("position_seconds");
        builder.Property(p => p.DurationSeconds).HasColumnName("duration_seconds");
        builder.Property(p => p.State).HasColumnName("state").HasMaxLength(16);
        builder.Property(p => p.HlcPhysical).HasColumnName("hlc_physical");
        builder.Property(p => p.HlcLogical).HasColumnName("hlc_logical");
        builder.Property(p => p.DeviceId).HasColumnName("device_id").HasMaxLength(Device.MaxIdLength).UseCollation("C");
        builder.Property(p => p.Completed).HasColumnName("completed");
        builder.Property(p => p.CompletedPhysical).HasColumnName("completed_physical");
        builder.Property(p => p.CompletedLogical).HasColumnName("completed_logical");
        builder.Property(p => p.CompletedDevice).HasColumnName("completed_device").HasMaxLength(Device.MaxIdLength).UseCollation("C");
        builder.Property(p => p.ChangeSeq).HasColumnName("change_seq");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at").HasDefaultValueSql("now()");

        // Changes only on delete and undelete, so the tombstone index below never blocks a HOT update.
        builder.Property(p => p.IsDeleted).HasColumnName("is_deleted").HasComputedColumnSql("position_seconds IS NULL", stored: true);

        // Playback reports rewrite the same rows thousands of times a second. No index covers a column those
        // writes change (change_seq, position_seconds, state, updated_at), so each is a HOT update: no index
        // entries, and the old version is pruned within its page. Room on the page for the new version keeps it
        // there. Delta reads scan the user's rows by the primary key instead (ADR 7).
        builder.HasStorageParameter("fillfactor", 80);
        builder.HasIndex(p => new { p.TenantId, p.ContentId }, "idx_progress_content");
        // Finds users with progress tombstones to collect without scanning the table.
        builder.HasIndex(p => new { p.TenantId, p.UserId }, "idx_progress_deleted").HasFilter("is_deleted");
    }
}

internal sealed class WatchlistTagRowConfiguration : IEntityTypeConfiguration<WatchlistTagRow>
{
    public void Configure(EntityTypeBuilder<WatchlistTagRow> builder)
    {
        builder.ToTable("user_watchlists");
        builder.HasKey(w => new { w.TenantId, w.UserId, w.Tag }).HasName("pk_user_watchlists");
        builder.Property(w => w.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(w => w.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(w => w.Tag).HasColumnName("unique_tag").HasMaxLength(WatchlistTag.MaxLength);
        builder.Property(w => w.ContentId).HasColumnName("content_id").HasMaxLength(ContentId.MaxLength);
        builder.Property(w => w.AddedPhysical).HasColumnName("added_physical");
        builder.Property(w => w.AddedLogical).HasColumnName("added_logical");
        builder.Property(w => w.AddedDevice).HasColumnName("added_device").HasMaxLength(Device.MaxIdLength).UseCollation("C");
        builder.Property(w => w.Removed).HasColumnName("is_removed");
        builder.Property(w => w.RemovedPhysical).HasColumnName("removed_physical");
        builder.Property(w => w.RemovedLogical).HasColumnName("removed_logical");
        builder.Property(w => w.RemovedDevice).HasColumnName("removed_device").HasMaxLength(Device.MaxIdLength).UseCollation("C");
        builder.Property(w => w.ChangeSeq).HasColumnName("change_seq");
        builder.Property(w => w.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(w => w.RemovedAt).HasColumnName("removed_at");

        // Named HasIndex overloads: two indexes on the same columns are otherwise merged into one by EF.
        builder.HasIndex(w => new { w.TenantId, w.UserId, w.ChangeSeq }, "idx_watchlists_user_change");
        builder.HasIndex(w => new { w.TenantId, w.UserId, w.ChangeSeq }, "idx_watchlists_removed").HasFilter("is_removed");
        // Only live tags are looked up by content (list, remove); tombstones stay out of it.
        builder.HasIndex(w => new { w.TenantId, w.UserId, w.ContentId }, "idx_watchlists_user_content").HasFilter("NOT is_removed");
    }
}

internal sealed class SyncHeadRowConfiguration : IEntityTypeConfiguration<SyncHeadRow>
{
    public void Configure(EntityTypeBuilder<SyncHeadRow> builder)
    {
        builder.ToTable("sync_heads");
        builder.HasKey(h => new { h.TenantId, h.UserId }).HasName("pk_sync_heads");
        builder.Property(h => h.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(h => h.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(h => h.Seq).HasColumnName("seq");
        builder.Property(h => h.PrunedThrough).HasColumnName("pruned_through");
    }
}

internal sealed class SyncCursorRowConfiguration : IEntityTypeConfiguration<SyncCursorRow>
{
    public void Configure(EntityTypeBuilder<SyncCursorRow> builder)
    {
        builder.ToTable("sync_cursors");
        builder.HasKey(c => new { c.TenantId, c.UserId, c.DeviceId }).HasName("pk_sync_cursors");
        builder.Property(c => c.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(c => c.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(c => c.DeviceId).HasColumnName("device_id").HasMaxLength(Device.MaxIdLength);
        builder.Property(c => c.Cursor).HasColumnName("cursor");
        builder.Property(c => c.AcknowledgedAt).HasColumnName("acknowledged_at").HasDefaultValueSql("now()");
    }
}
