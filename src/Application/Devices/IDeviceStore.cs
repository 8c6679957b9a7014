using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Devices;

/// <summary>A user's devices, always inside the user's own tenant.</summary>
public interface IDeviceStore
{
    Task<Device?> FindAsync(UserRef user, string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListAsync(UserRef user, CancellationToken cancellationToken);

    /// <summary>Stores the device (insert or update); durable when the task completes.</summary>
    Task SaveAsync(UserRef user, Device device, CancellationToken cancellationToken);

    /// <summary>Removes the device; false when the user had no such device.</summary>
    Task<bool> RemoveAsync(UserRef user, string deviceId, CancellationToken cancellationToken);
}
