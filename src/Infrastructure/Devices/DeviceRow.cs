namespace MediaGateway.Infrastructure.Devices;

/// <summary>A row of <c>user_devices</c>. The domain <see cref="Domain.Devices.Device"/> knows nothing of tenant or user columns.</summary>
public sealed class DeviceRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string DeviceId { get; set; }

    public required string DeviceType { get; set; }

    public required string Platform { get; set; }

    public required string Capabilities { get; set; }

    public required string AppVersion { get; set; }

    public required string DeviceName { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public bool IsOnline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
