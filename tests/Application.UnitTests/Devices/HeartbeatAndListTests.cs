using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Devices;

/// <summary>A heartbeat marks a known device seen now and stores it; the list tells which devices are online now.</summary>
public sealed class HeartbeatAndListTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IDeviceStore _devices = Substitute.For<IDeviceStore>();
    private readonly FakeTimeProvider _clock = new(T0);

    private static Device Tv(DateTimeOffset seen) => new("tv-1", DeviceType.TV, "Tizen", "5.2", "Living room", "{}", seen);

    [Fact]
    public async Task Heartbeat_OfAKnownDevice_MarksItSeenNow_AndSavesIt()
    {
        var tv = Tv(T0.AddHours(-1));
        _devices.FindAsync(Alice, "tv-1", Ct).Returns(tv);

        var dto = await new RecordHeartbeatHandler(_devices, _clock).Handle(new RecordHeartbeatCommand(Alice, "tv-1"), Ct);

        Assert.Equal((T0, true, T0.AddHours(-1)), (dto.LastSeen, dto.Online, dto.RegisteredAt));
        await _devices.Received(1).SaveAsync(Alice, Arg.Is<Device>(d => d == tv && d.LastSeen == T0), Ct);
    }

    [Fact]
    public async Task Heartbeat_OfAnUnknownDevice_IsNotFound_AndStoresNothing()
    {
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() =>
            new RecordHeartbeatHandler(_devices, _clock).Handle(new RecordHeartbeatCommand(Alice, "ghost"), Ct).AsTask());

        Assert.Equal("Device 'ghost' was not found.", notFound.Message);
        await _devices.DidNotReceiveWithAnyArgs().SaveAsync(default!, default!, Ct);
    }

    [Fact]
    public async Task List_TellsWhichDevicesAreOnlineNow()
    {
        _devices.ListAsync(Alice, Ct).Returns([Tv(T0.AddMinutes(-1)), Tv(T0.AddMinutes(-10))]);

        var list = await new ListDevicesHandler(_devices, _clock).Handle(new ListDevicesQuery(Alice), Ct);

        Assert.Equal([(T0.AddMinutes(-1), true), (T0.AddMinutes(-10), false)], list.Select(d => (d.LastSeen, d.Online)));
    }
}
