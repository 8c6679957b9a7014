using MediaGateway.Application.Devices;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using MediaGateway.Infrastructure.Persistence;

namespace MediaGateway.Infrastructure.Devices;

internal sealed class PostgresDeviceStore(MediaGatewayDbContext db) : IDeviceStore
{
    public async Task<Device?> FindAsync(UserRef user, string deviceId, CancellationToken cancellationToken) =>
        await ToDomain(db.Devices.AsNoTracking()
                .Where(d => d.TenantId == user.TenantId && d.UserId == user.UserId && d.DeviceId == deviceId))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<Device>> ListAsync(UserRef user, CancellationToken cancellationToken) =>
        await ToDomain(db.Devices.AsNoTracking()
                .Where(d => d.TenantId == user.TenantId && d.UserId == user.UserId)
                .OrderBy(d => d.DeviceId))
            .ToListAsync(cancellationToken);

    public async Task SaveAsync(UserRef user, Device device, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync(DeviceSql.Upsert(user, device), cancellationToken);

    public async Task<bool> RemoveAsync(UserRef user, string deviceId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlInterpolatedAsync(DeviceSql.Remove(user, deviceId), cancellationToken) > 0;

    // A projection: only the columns the domain needs, read by name through the EF model, and no entity to materialise.
    private static IQueryable<Device> ToDomain(IQueryable<DeviceRow> rows) => rows.Select(row => Device.Restore(
        row.DeviceId, Enum.Parse<DeviceType>(row.DeviceType), row.Platform, row.AppVersion, row.DeviceName,
        row.Capabilities, row.LastSeen, row.IsOnline, row.CreatedAt));
}
