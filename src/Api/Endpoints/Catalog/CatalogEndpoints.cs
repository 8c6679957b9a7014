using System.Security.Claims;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.Catalog;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/catalog").WithTags("Catalog").ProducesServiceUnavailable();
        group.MapPut("/entities", PutEntities).WithName(nameof(PutEntities)).RequireAuthorization(Policies.Ingest)
            .WithBodyLimit(BodyLimits.CatalogIngest).ProducesConflict<CatalogIdsTakenProblem>()
            .WithSummary("Stores up to 1,000 titles (all or none) and answers their ids in request order. A title sent with an id " +
                "is created or updated under it, so a retry is idempotent; a title without an embedding gets one from the model.");
        return app;
    }

    internal static async Task<Ok<CatalogIngestResult>> PutEntities(
        CatalogIngestRequest body, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(IngestCatalogCommand.Parse(principal.ToUserRef().TenantId, body), ct));
}
