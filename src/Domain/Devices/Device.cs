using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Devices;

/// <summary>One of a user's devices: what it is, and whether it has been heard from lately.</summary>
public sealed class Device
{
    public const int MaxIdLength = 255;
    public const int MaxNameLength = 255;
    public const int MaxPlatformLength = 50;
    public const int MaxAppVersionLength = 50;
    public const int MaxCapabilitiesLength = 4096;

    /// <summary>A device that has sent no heartbeat for this long counts as offline.</summary>
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    public Device(
        string deviceId,
        DeviceType type,
        string platform,
        string appVersion,
        string name,
        string capabilitiesJson,
        DateTimeOffset registeredAt)
    {
        DeviceId = RequireLength(deviceId, MaxIdLength, nameof(DeviceId));
        CreatedAt = registeredAt;
        Describe(type, platform, appVersion, name, capabilitiesJson, registeredAt);
    }

    public string DeviceId { get; }

    public DeviceType Type { get; private set; }

    public string Platform { get; private set; } = "";

    public string AppVersion { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The capabilities the app reported, as a JSON object; the server stores it and does not interpret it.</summary>
    public string CapabilitiesJson { get; private set; } = "{}";

    public DateTimeOffset LastSeen { get; private set; }

    public bool IsOnline { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Re-registering a device updates what it says about itself and counts as a heartbeat.</summary>
    public void Describe(DeviceType type, string platform, string appVersion, string name, string capabilitiesJson, DateTimeOffset now)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException(nameof(Type), $"Unknown device type '{type}'.");
        }

        Type = type;
        Platform = RequireLength(platform, MaxPlatformLength, nameof(Platform), allowEmpty: true);
        AppVersion = RequireLength(appVersion, MaxAppVersionLength, nameof(AppVersion), allowEmpty: true);
        Name = RequireLength(name, MaxNameLength, nameof(Name), allowEmpty: true);
        CapabilitiesJson = RequireLength(capabilitiesJson, MaxCapabilitiesLength, "Capabilities");
        Heartbeat(now);
    }

    public void Heartbeat(DateTimeOffset now)
    {
        if (now > LastSeen)
        {
            LastSeen = now;
        }

        IsOnline = true;
    }

    /// <summary>Whether the device counts as online at <paramref name="now"/>: heard from within the window.</summary>
    public bool IsOnlineAt(DateTimeOffset now) => IsOnline && now - LastSeen < OnlineWindow;

    /// <summary>Rebuilds a stored device without re-running the registration rules.</summary>
    public static Device Restore(
        string deviceId, DeviceType type, string platform, string appVersion, string name, string capabilitiesJson,
        DateTimeOffset lastSeen, bool isOnline, DateTimeOffset createdAt) =>
        new(deviceId, createdAt)
        {
            Type = type,
            Platform = platform,
            AppVersion = appVersion,
            Name = name,
            CapabilitiesJson = capabilitiesJson,
            LastSeen = lastSeen,
            IsOnline = isOnline,
        };

    private Device(string deviceId, DateTimeOffset createdAt)
    {
        DeviceId = deviceId;
        CreatedAt = createdAt;
    }

    private static string RequireLength(string value, int max, string field, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((!allowEmpty && string.IsNullOrWhiteSpace(value)) || value.Length > max)
        {
            throw new DomainException(field, allowEmpty
                ? $"{field} must be at most {max} characters."
                : $"{field} must be 1 to {max} characters.");
        }

        return value;
    }
}
