using MediaGateway.Domain.Common;
using MediaGateway.Domain.Devices;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Devices;

public sealed class DeviceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Device NewTv() => new("tv-1", DeviceType.TV, "Tizen", "5.2", "Living room", "{}", T0);

    [Fact]
    public void New_IsOnlineAndSeenAtRegistration()
    {
        var device = NewTv();

        Assert.True(device.IsOnlineAt(T0));
        Assert.Equal(T0, device.LastSeen);
        Assert.Equal(T0, device.CreatedAt);
    }

    [Fact]
    public void IsOnlineAt_AfterFiveMinutesOfSilence_IsFalse()
    {
        var device = NewTv();

        Assert.True(device.IsOnlineAt(T0.AddMinutes(4).AddSeconds(59)));
        Assert.False(device.IsOnlineAt(T0.AddMinutes(5)));
    }

    [Fact]
    public void Heartbeat_OlderThanLastSeen_DoesNotMoveItBack()
    {
        var device = NewTv();
        device.Heartbeat(T0.AddMinutes(3));

        device.Heartbeat(T0.AddMinutes(1));

        Assert.Equal(T0.AddMinutes(3), device.LastSeen);
    }

    [Fact]
    public void Describe_UpdatesMetadataButKeepsRegistrationTime()
    {
        var device = NewTv();

        device.Describe(DeviceType.Desktop, "macOS", "6.0", "Office", "{\"hdr\":false}", T0.AddHours(1));

        Assert.Equal((DeviceType.Desktop, "macOS", "6.0", "Office", T0, T0.AddHours(1)),
            (device.Type, device.Platform, device.AppVersion, device.Name, device.CreatedAt, device.LastSeen));
    }

    [Theory]
    [InlineData("", "Tizen")]
    [InlineData("   ", "Tizen")]
    public void New_WithBlankId_Throws(string id, string platform)
    {
        var error = Assert.Throws<DomainException>(() => new Device(id, DeviceType.TV, platform, "", "", "{}", T0));

        Assert.Equal("DeviceId", error.Field);
    }

    [Fact]
    public void New_WithOverlongFields_Throws()
    {
        Assert.Throws<DomainException>(() => new Device(new string('d', 256), DeviceType.TV, "", "", "", "{}", T0));
        Assert.Throws<DomainException>(() => new Device("d", DeviceType.TV, new string('p', 51), "", "", "{}", T0));
        Assert.Throws<DomainException>(() => new Device("d", (DeviceType)42, "", "", "", "{}", T0));
    }

    [Fact]
    public void Describe_AcceptsEmptyPlatformVersionAndName_AndIdsUpToTheLimit()
    {
        var longest = new string('d', Device.MaxIdLength);

        var device = new Device(longest, DeviceType.Web, "", "", "", "{}", T0);

        Assert.Equal((longest, "", "", ""), (device.DeviceId, device.Platform, device.AppVersion, device.Name));
        Assert.Throws<DomainException>(() => new Device(longest + "d", DeviceType.Web, "", "", "", "{}", T0));
        Assert.Throws<ArgumentNullException>(() => new Device("tv", DeviceType.Web, null!, "", "", "{}", T0));
    }

    [Fact]
    public void Restore_RebuildsTheStoredDeviceAsItWas()
    {
        var device = Device.Restore("tv-9", DeviceType.Tablet, "Android", "3.1", "Kitchen", "{\"x\":1}", T0.AddMinutes(-10), false, T0.AddDays(-2));

        Assert.Equal(("tv-9", DeviceType.Tablet, "Android", "3.1", "Kitchen", "{\"x\":1}"),
            (device.DeviceId, device.Type, device.Platform, device.AppVersion, device.Name, device.CapabilitiesJson));
        Assert.Equal((T0.AddMinutes(-10), false, T0.AddDays(-2)), (device.LastSeen, device.IsOnline, device.CreatedAt));
    }
}
