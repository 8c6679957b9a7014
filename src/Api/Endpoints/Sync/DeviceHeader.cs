using FluentValidation;
using FluentValidation.Results;

namespace MediaGateway.Api.Endpoints.Sync;

/// <summary>
/// The <c>X-Device-Id</c> header: which of the caller's devices makes a change. Endpoints pass its value on as the
/// command's <c>DeviceId</c>, which Application validates like any other field; errors about it name the header,
/// which is what the client sent.
/// </summary>
internal static class DeviceHeader
{
    public const string Name = "X-Device-Id";

    // The command property the header's value travels in.
    private const string CommandField = "DeviceId";

    /// <summary>Renames validation errors about the command's <c>DeviceId</c> to the header, for endpoints that bind it from there.</summary>
    public static RouteHandlerBuilder NamesDeviceIdErrorsAfterHeader(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ValidationException invalid) when (invalid.Errors.Any(e => e.PropertyName == CommandField))
            {
                throw new ValidationException(invalid.Errors.Select(e =>
                    e.PropertyName == CommandField ? new ValidationFailure(Name, e.ErrorMessage, e.AttemptedValue) : e));
            }
        });

    /// <summary>A request that names its device in the body may send the header too, but then both must agree.</summary>
    public static void EnsureAgreesWithBody(string? header, string? bodyDeviceId)
    {
        if (header is not null && header != bodyDeviceId)
        {
            throw new ValidationException([new ValidationFailure(Name, $"'{Name}' must match 'deviceId'.")]);
        }
    }
}
