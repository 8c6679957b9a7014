using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MediaGateway.Infrastructure.Devices;

namespace MediaGateway.Infrastructure.Persistence.Configurations;

internal sealed class DeviceRowConfiguration : IEntityTypeConfiguration<DeviceRow>
{
    public void Configure(EntityTypeBuilder<DeviceRow> builder)
    {
        builder.ToTable("user_devices", table => table.HasCheckConstraint(
            "ck_user_devices_device_type",
            $"device_type IN ({string.Join(", ", Enum.GetNames<DeviceType>().Select(n => $"'{n}'"))})"));

        // Tenant first in every key and index: no query can reach another tenant's rows by accident.
        builder.HasKey(d => new { d.TenantId, d.UserId, d.DeviceId }).HasName("pk_user_devices");
        builder.Property(d => d.TenantId).HasColumnName("tenant_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(d => d.UserId).HasColumnName("user_id").HasMaxLength(UserRef.MaxIdLength);
        builder.Property(d => d.DeviceId).HasColumnName("device_id").HasMaxLength(Device.MaxIdLength);
        builder.Property(d => d.DeviceType).HasColumnName("device_type").HasMaxLength(50);
        builder.Property(d => d.Platform).HasColumnName("platform").HasMaxLength(Device.MaxPlatformLength);
        builder.Property(d => d.Capabilities).HasColumnName("capabilities").HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.Property(d => d.AppVersion).HasColumnName("app_version").HasMaxLength(Device.MaxAppVersionLength);
        builder.Property(d => d.DeviceName).HasColumnName("device_name").HasMaxLength(Device.MaxNameLength);
        builder.Property(d => d.LastSeen).HasColumnName("last_seen");
        builder.Property(d => d.IsOnline).HasColumnName("is_online");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");

        builder.HasIndex(d => new { d.IsOnline, d.LastSeen }).HasDatabaseName("idx_devices_online_last_seen");
        builder.HasIndex(d => new { d.TenantId, d.DeviceType }).HasDatabaseName("idx_devices_type");
    }
}
