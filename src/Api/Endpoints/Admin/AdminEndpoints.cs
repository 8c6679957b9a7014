using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.Admin;

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).ProducesServiceUnavailable();
        group.MapGet("/database", GetDatabaseStatus).WithName(nameof(GetDatabaseStatus))
            .WithSummary("Applied and pending migrations. Role admin.");
        return app;
    }

    internal static async Task<Ok<DatabaseStatusDto>> GetDatabaseStatus(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetDatabaseStatusQuery(), ct));
}
