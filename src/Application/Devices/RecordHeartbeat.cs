using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Devices;

public sealed record RecordHeartbeatCommand(UserRef User, string DeviceId) : ICommand<DeviceDto>;

public sealed class RecordHeartbeatValidator : AbstractValidator<RecordHeartbeatCommand>
{
    public RecordHeartbeatValidator() => RuleFor(c => c.DeviceId).ValidDeviceId();
}

public sealed class RecordHeartbeatHandler(IDeviceStore devices, TimeProvider clock)
    : ICommandHandler<RecordHeartbeatCommand, DeviceDto>
{
    public async ValueTask<DeviceDto> Handle(RecordHeartbeatCommand command, CancellationToken cancellationToken)
    {
        var device = await devices.FindAsync(command.User, command.DeviceId, cancellationToken)
            ?? throw new NotFoundException("Device", command.DeviceId);

        var now = clock.GetUtcNow();
        device.Heartbeat(now);
        await devices.SaveAsync(command.User, device, cancellationToken);
        return DeviceDto.From(device, now);
    }
}
