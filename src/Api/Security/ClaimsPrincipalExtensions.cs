using System.Security.Claims;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Api.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>
    /// The caller's user and tenant, from the token only. Authentication already refused tokens without
    /// both claims, so reaching an endpoint without them is a programming error.
    /// </summary>
    public static UserRef ToUserRef(this ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimNames.Tenant) ?? throw new InvalidOperationException("No tenant claim."),
        principal.FindFirstValue(ClaimNames.Subject) ?? throw new InvalidOperationException("No sub claim."));
}
