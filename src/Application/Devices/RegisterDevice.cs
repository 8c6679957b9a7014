using System.Text.Json;
using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Devices;

/// <summary>Registers a device, or updates what an already registered device says about itself (PUT semantics).</summary>
public sealed record RegisterDeviceCommand(
    UserRef User,
    string DeviceId,
    string? DeviceType,
    string? Platform,
    string? AppVersion,
    string? DeviceName,
    JsonElement? Capabilities) : ICommand<RegisterDeviceResult>;

public sealed record RegisterDeviceResult(DeviceDto Device, bool Created);

public sealed class RegisterDeviceValidator : AbstractValidator<RegisterDeviceCommand>
{
    private static readonly string KnownTypes = string.Join(", ", Enum.GetNames<DeviceType>());

    public RegisterDeviceValidator()
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.DeviceType)
            .NotEmpty()
            .Must(type => Enum.TryParse<DeviceType>(type, ignoreCase: true, out _) && !int.TryParse(type, out _))
            .WithMessage($"'deviceType' must be one of {KnownTypes}.");
        RuleFor(c => c.Platform).MaximumLength(Device.MaxPlatformLength).StorableText();
        RuleFor(c => c.AppVersion).MaximumLength(Device.MaxAppVersionLength).StorableText();
        RuleFor(c => c.DeviceName).MaximumLength(Device.MaxNameLength).StorableText();
        RuleFor(c => c.Capabilities)
            .Must(c => c is null || c.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("'capabilities' must be a JSON object.")
            .Must(c => c is null || c.Value.GetRawText().Length <= Device.MaxCapabilitiesLength)
            .WithMessage($"'capabilities' must be at most {Device.MaxCapabilitiesLength} characters of JSON.")
            .StorableJson();
    }
}

public sealed class RegisterDeviceHandler(IDeviceStore devices, TimeProvider clock)
    : ICommandHandler<RegisterDeviceCommand, RegisterDeviceResult>
{
    public async ValueTask<RegisterDeviceResult> Handle(RegisterDeviceCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var type = Enum.Parse<DeviceType>(command.DeviceType!, ignoreCase: true);
        var capabilities = command.Capabilities is { ValueKind: JsonValueKind.Object } c ? c.GetRawText() : "{}";

        var device = await devices.FindAsync(command.User, command.DeviceId, cancellationToken);
        var created = device is null;
        if (device is null)
        {
            device = new Device(command.DeviceId, type, command.Platform ?? "", command.AppVersion ?? "",
                command.DeviceName ?? "", capabilities, now);
        }
        else
        {
            device.Describe(type, command.Platform ?? "", command.AppVersion ?? "", command.DeviceName ?? "", capabilities, now);
        }

        await devices.SaveAsync(command.User, device, cancellationToken);
        return new RegisterDeviceResult(DeviceDto.From(device, now), created);
    }
}
