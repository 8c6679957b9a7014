using FluentValidation;
using MediaGateway.Domain.Devices;

namespace MediaGateway.Application.Devices;

internal static class DeviceRules
{
    // Printable ASCII: ids break LWW ties, and in ASCII the domain's ordinal order and Postgres's "C" order agree.
    public static IRuleBuilderOptions<T, string?> ValidDeviceId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Device.MaxIdLength)
            .Matches("^[\\x21-\\x7E]+$").WithMessage("A device id is printable ASCII without spaces.");
}
