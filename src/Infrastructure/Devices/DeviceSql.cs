using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Infrastructure.Devices;

/// <summary>
/// The device writes EF does not express as one statement. Interpolated values become parameters
/// (<c>ExecuteSqlInterpolatedAsync</c>), never SQL text.
/// </summary>
internal static class DeviceSql
{
    /// <summary>
    /// One upsert statement: two concurrent registrations of the same device both succeed, and the later heartbeat
    /// never moves last_seen backwards. device_type holds the enum's name, as the check constraint lists them.
    /// </summary>
    public static FormattableString Upsert(UserRef user, Device device) => $"""
        INSERT INTO user_devices (tenant_id, user_id, device_id, device_type, platform, capabilities,
                                  app_version, device_name, last_seen, is_online, created_at)
        VALUES ({user.TenantId}, {user.UserId}, {device.DeviceId}, {device.Type.ToString()}, {device.Platform},
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
        """;

    /// <summary>
    /// Removes the device and its sync cursor, so it no longer holds back tombstone collection; if it ever syncs
    /// again it starts over. The command's row count is the top-level DELETE's: whether the device existed.
    /// </summary>
    public static FormattableString Remove(UserRef user, string deviceId) => $"""
        WITH forgotten AS (
            DELETE FROM sync_cursors WHERE tenant_id = {user.TenantId} AND user_id = {user.UserId} AND device_id = {deviceId})
        DELETE FROM user_devices WHERE tenant_id = {user.TenantId} AND user_id = {user.UserId} AND device_id = {deviceId}
        """;
}
