using System.Text.Json;
using MediaGateway.Domain.Devices;

namespace MediaGateway.Application.Devices;

public sealed record DeviceDto(
    string DeviceId,
    string DeviceType,
    string Platform,
    string AppVersion,
    string DeviceName,
    JsonElement Capabilities,
    DateTimeOffset LastSeen,
    bool Online,
    DateTimeOffset RegisteredAt)
{
    public static DeviceDto From(Device device, DateTimeOffset now)
    {
        using var capabilities = JsonDocument.Parse(device.CapabilitiesJson);
        return new DeviceDto(
            device.DeviceId,
            device.Type.ToString(),
            device.Platform,
            device.AppVersion,
            device.Name,
            capabilities.RootElement.Clone(),
            device.LastSeen,
            device.IsOnlineAt(now),
            device.CreatedAt);
    }
}
