using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Devices;

public sealed class RemoveDeviceHandlerTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");

    [Fact]
    public async Task Handle_DeviceTheUserDoesNotHave_ThrowsNotFound()
    {
        var devices = Substitute.For<IDeviceStore>();
        devices.RemoveAsync(Alice, "ghost", Arg.Any<CancellationToken>()).Returns(false);

        var notFound = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new RemoveDeviceHandler(devices).Handle(new RemoveDeviceCommand(Alice, "ghost"), TestContext.Current.CancellationToken));

        Assert.Equal("Device 'ghost' was not found.", notFound.Message);
    }
}
