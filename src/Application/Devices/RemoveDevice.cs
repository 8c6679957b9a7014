using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Devices;

public sealed record RemoveDeviceCommand(UserRef User, string DeviceId) : ICommand;

public sealed class RemoveDeviceValidator : AbstractValidator<RemoveDeviceCommand>
{
    public RemoveDeviceValidator() => RuleFor(c => c.DeviceId).ValidDeviceId();
}

public sealed class RemoveDeviceHandler(IDeviceStore devices) : ICommandHandler<RemoveDeviceCommand>
{
    public async ValueTask<Unit> Handle(RemoveDeviceCommand command, CancellationToken cancellationToken)
    {
        if (!await devices.RemoveAsync(command.User, command.DeviceId, cancellationToken))
        {
            throw new NotFoundException("Device", command.DeviceId);
        }

        return Unit.Value;
    }
}
