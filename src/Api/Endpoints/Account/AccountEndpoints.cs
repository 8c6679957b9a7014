using System.Security.Claims;
using MediaGateway.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Account");
        group.MapGet("/", GetCurrentUser).WithName(nameof(GetCurrentUser))
            .WithSummary("Who the token says the caller is: user, tenant and roles.");
        return app;
    }

    /// <summary>Also the floor of every HTTP benchmark: authentication plus a tiny JSON body, nothing else.</summary>
    internal static Ok<CurrentUserResponse> GetCurrentUser(ClaimsPrincipal principal)
    {
        var user = principal.ToUserRef();
        var roles = principal.FindAll(ClaimNames.Role).Select(c => c.Value).ToArray();
        return TypedResults.Ok(new CurrentUserResponse(user.UserId, user.TenantId, roles));
    }
}

public sealed record CurrentUserResponse(string UserId, string TenantId, string[] Roles);
