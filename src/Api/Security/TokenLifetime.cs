using System.Globalization;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.Security;

/// <summary>
/// The token lifetime check of Microsoft.IdentityModel (the same rules, in the same order, failing with the same
/// exceptions, which the bearer handler turns into the same <c>WWW-Authenticate</c> descriptions), read on a given
/// clock. The library's own check reads a clock of its own that cannot be set (<c>TokenValidationParameters.TimeProvider</c>
/// is internal), so this one takes the registered <see cref="TimeProvider"/>, the clock every other part of the
/// service reads, and which tests replace.
/// </summary>
internal static class TokenLifetime
{
    public static LifetimeValidator On(TimeProvider time) => (notBefore, expires, token, parameters) =>
    {
        // A LifetimeValidator runs even when the parameters turn the check off: honour the switch, as the library does.
        if (!parameters.ValidateLifetime)
        {
            return true;
        }

        if (expires is null && parameters.RequireExpirationTime)
        {
            throw new SecurityTokenNoExpirationException(
                $"The token has no expiration time, and the validation parameters require one ({token?.GetType().Name ?? "null"}).");
        }

        if (notBefore is { } start && expires is { } end && start > end)
        {
            throw new SecurityTokenInvalidLifetimeException(
                $"The token's NotBefore ({Format(start)}) is after its Expires ({Format(end)}).")
            { NotBefore = notBefore, Expires = expires };
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } validFrom && validFrom > Add(now, parameters.ClockSkew))
        {
            throw new SecurityTokenNotYetValidException(
                $"The token is not yet valid. NotBefore (UTC): {Format(validFrom)}, current time (UTC): {Format(now)}.")
            { NotBefore = validFrom };
        }

        if (expires is { } validTo && validTo < Add(now, parameters.ClockSkew.Negate()))
        {
            throw new SecurityTokenExpiredException(
                $"The token is expired. ValidTo (UTC): {Format(validTo)}, current time (UTC): {Format(now)}.")
            { Expires = validTo };
        }

        return true;
    };

    // Saturates instead of overflowing, as the library's DateTimeUtil.Add does.
    private static DateTime Add(DateTime time, TimeSpan span) =>
        span >= TimeSpan.Zero
            ? (DateTime.MaxValue - time < span ? DateTime.MaxValue : time + span)
            : (time - DateTime.MinValue < span.Negate() ? DateTime.MinValue : time + span);

    private static string Format(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);
}
