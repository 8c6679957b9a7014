using MediaGateway.Application.Devices;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using MediaGateway.Infrastructure.Persistence;

namespace MediaGateway.Infrastructure.Devices;

internal sealed class PostgresDeviceStore(MediaGatewayDbContext db) : IDeviceStore
{
    public async Task<Device?> FindAsync(UserRef user, string deviceId, CancellationToken cancellationToken)
    {
        var row = await db.Devices.AsNoTracking()
            .Where(d => d.TenantId == user.TenantId && d.UserId == user.UserId && d.DeviceId == deviceId)
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToDomain(row);
    }

    public async Task<IReadOnlyList<Device>> ListAsync(UserRef user, CancellationToken cancellationToken)
    {
        var rows = await db.Devices.AsNoTracking()
            .Where(d => d.TenantId == user.TenantId && d.UserId == user.UserId)
            .OrderBy(d => d.DeviceId)
            .ToListAsync(cancellationToken);
        return rows.Select(ToDomain).ToList();
    }

    public async Task SaveAsync(UserRef user, Device device, CancellationToken cancellationToken)
    {
        // One upsert statement: two concurrent registrations of the same device both succeed, and the
        // later heartbeat never moves last_seen backwards.
        var type = device.Type.ToString();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO user_devices (tenant_id, user_id, device_id, device_type, platform, capabilities,
                                      app_version, device_name, last_seen, is_online, created_at)
            VALUES ({user.TenantId}, {user.UserId}, {device.DeviceId}, {type}, {device.Platform},
                    CAST({device.CapabilitiesJson} AS jsonb), {device.AppVersion}, {device.Name},
                    {device.LastSeen}, {device.IsOnline}, {device.CreatedAt})
            ON CONFLICT (tenant_id, user_id, device_id) DO UPDATE SET
                device_type = EXCLUDED.device_type,
                platform = EXCLUDED.platform,
                capabilities = EXCLUDED.capabilities,
                app_version = EXCLUDED.app_version,
                device_name = EXCLUDED.device_name,
                last_seen = GREATEST(user_devices.last_seen, EXCLUDED.last_seen),
                is_online = EXCLUDED.is_online
            """, cancellationToken);
    }

    public async Task<bool> RemoveAsync(UserRef user, string deviceId, CancellationToken cancellationToken)
    {
        // A removed device no longer holds back tombstone collection; if it ever syncs again it starts over.
        // The command's row count is the top-level DELETE's: whether the device existed.
        var removed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH forgotten AS (
                DELETE FROM sync_cursors WHERE tenant_id = {user.TenantId} AND user_id = {user.UserId} AND device_id = {deviceId})
            DELETE FROM user_devices WHERE tenant_id = {user.TenantId} AND user_id = {user.UserId} AND device_id = {deviceId}
            """, cancellationToken);
        return removed > 0;
    }

    private static Device ToDomain(DeviceRow row) => Device.Restore(
        row.DeviceId, Enum.Parse<DeviceType>(row.DeviceType), row.Platform, row.AppVersion, row.DeviceName,
        row.Capabilities, row.LastSeen, row.IsOnline, row.CreatedAt);
}
