using FluentValidation;
using MediaGateway.Domain.Devices;

namespace MediaGateway.Application.Devices;

internal static class DeviceRules
{
    public static IRuleBuilderOptions<T, string> ValidDeviceId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(Device.MaxIdLength);
}
