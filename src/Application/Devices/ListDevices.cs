using Mediator;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Devices;

public sealed record ListDevicesQuery(UserRef User) : IQuery<IReadOnlyList<DeviceDto>>;

public sealed class ListDevicesHandler(IDeviceStore devices, TimeProvider clock)
    : IQueryHandler<ListDevicesQuery, IReadOnlyList<DeviceDto>>
{
    public async ValueTask<IReadOnlyList<DeviceDto>> Handle(ListDevicesQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = await devices.ListAsync(query.User, cancellationToken);
        return stored.Select(device => DeviceDto.From(device, now)).ToList();
    }
}
