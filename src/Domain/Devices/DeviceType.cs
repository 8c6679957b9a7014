namespace MediaGateway.Domain.Devices;

public enum DeviceType
{
    TV,
    Phone,
    Tablet,
    Web,
    Desktop,
}
