using System.Text.Json;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Devices;

public sealed class RegisterDeviceHandlerTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IDeviceStore _devices = Substitute.For<IDeviceStore>();
    private readonly FakeTimeProvider _clock = new(T0);

    private static RegisterDeviceCommand Command(string type = "tv") =>
        new(Alice, "tv-1", type, "Tizen", "5.2", "Living room", JsonDocument.Parse("{\"hdr\":true}").RootElement);

    [Fact]
    public async Task Handle_UnknownDevice_CreatesAndSavesIt()
    {
        var result = await new RegisterDeviceHandler(_devices, _clock).Handle(Command(), Ct);

        Assert.True(result.Created);
        Assert.Equal(("TV", "{\"hdr\":true}"), (result.Device.DeviceType, result.Device.Capabilities.GetRawText()));
        Assert.Equal(("Tizen", "5.2", "Living room"), (result.Device.Platform, result.Device.AppVersion, result.Device.DeviceName));
        await _devices.Received(1).SaveAsync(Alice, Arg.Is<Device>(d => d.DeviceId == "tv-1" && d.LastSeen == T0), Ct);
    }

    [Fact]
    public async Task Handle_KnownDevice_UpdatesItAndKeepsRegistrationTime()
    {
        var existing = new Device("tv-1", DeviceType.Phone, "iOS", "1.0", "Old", "{}", T0.AddDays(-3));
        _devices.FindAsync(Alice, "tv-1", Ct).Returns(existing);

        var result = await new RegisterDeviceHandler(_devices, _clock).Handle(Command(), Ct);

        Assert.False(result.Created);
        Assert.Equal((T0.AddDays(-3), T0, "Living room"), (result.Device.RegisteredAt, result.Device.LastSeen, result.Device.DeviceName));
        Assert.Equal(("Tizen", "5.2"), (existing.Platform, existing.AppVersion));
        await _devices.Received(1).SaveAsync(Alice, existing, Ct);
    }

    [Theory]
    [InlineData("Toaster", false)]
    [InlineData("3", false)]
    [InlineData("", false)]
    [InlineData("desktop", true)]
    public void Validator_AcceptsOnlyKnownDeviceTypes(string type, bool valid)
    {
        Assert.Equal(valid, new RegisterDeviceValidator().Validate(Command(type)).IsValid);
    }

    [Fact]
    public void Validator_ChecksEveryField_AtItsLimit()
    {
        var validator = new RegisterDeviceValidator();
        RegisterDeviceCommand With(string platform = "", string version = "", string name = "", string capabilities = "{}", string id = "tv-1") =>
            new(Alice, id, "tv", platform, version, name, JsonDocument.Parse(capabilities).RootElement);
        var atLimits = With(new string('p', 50), new string('v', 50), new string('n', 255), $"{{\"a\":\"{new string('c', 4088)}\"}}");

        var tooLong = validator.Validate(With(new string('p', 51), new string('v', 51), new string('n', 256), $"{{\"a\":\"{new string('c', 4089)}\"}}", id: "a b"));
        var notAnObject = validator.Validate(With(capabilities: "[1]"));

        Assert.True(validator.Validate(atLimits).IsValid);
        Assert.True(validator.Validate(With(capabilities: "null")).IsValid);
        Assert.True(validator.Validate(Command() with { Capabilities = null }).IsValid);
        Assert.Equal(["DeviceId", "Platform", "AppVersion", "DeviceName", "Capabilities"], tooLong.Errors.Select(e => e.PropertyName));
        Assert.Equal("Capabilities", notAnObject.Errors.Single().PropertyName);
        Assert.Equal("'deviceType' must be one of TV, Phone, Tablet, Web, Desktop.",
            validator.Validate(Command("toaster")).Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task Handle_MissingDescriptions_AreStoredEmpty_AndCapabilitiesThatAreNotAnObjectAsEmpty()
    {
        var command = new RegisterDeviceCommand(Alice, "tv-1", "phone", null, null, null, null);
        var existing = new Device("tv-1", DeviceType.Phone, "iOS", "1.0", "Old", "{\"x\":1}", T0.AddDays(-3));

        var created = await new RegisterDeviceHandler(_devices, _clock).Handle(command, Ct);
        _devices.FindAsync(Alice, "tv-1", Ct).Returns(existing);
        await new RegisterDeviceHandler(_devices, _clock).Handle(command, Ct);

        Assert.Equal(("", "", "", "{}"), (created.Device.Platform, created.Device.AppVersion, created.Device.DeviceName, created.Device.Capabilities.GetRawText()));
        Assert.Equal(("", "", "", "{}"), (existing.Platform, existing.AppVersion, existing.Name, existing.CapabilitiesJson));
    }
}
