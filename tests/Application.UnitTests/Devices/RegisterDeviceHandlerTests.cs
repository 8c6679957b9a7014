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
}
