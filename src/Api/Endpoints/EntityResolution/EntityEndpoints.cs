using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.EntityResolution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.EntityResolution;

public static class EntityEndpoints
{
    public static IEndpointRouteBuilder MapEntityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/entities").WithTags("Entity resolution").ProducesServiceUnavailable();
        group.MapPost("/resolve", Resolve).WithName(nameof(Resolve)).RequireAuthorization(Policies.Ingest)
            .ProducesConflict<EntityIdsConflictProblem>()
            .WithSummary("Resolves a title's external ids to one entity: 200 when it exists, 201 when created, 409 when the ids point at two entities.");
        group.MapPost("/resolve/batch", ResolveBatch).WithName(nameof(ResolveBatch)).RequireAuthorization(Policies.Ingest)
            .WithBodyLimit(BodyLimits.ResolveBatch).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Up to 1,000 resolutions, answered in request order, each with its own status (200, 201 or 409).");
        group.MapGet("/lookup", Lookup).WithName(nameof(Lookup))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The entity one external id names (type=eidr|imdb|tmdb|tvdb, value, and kind for tmdb and tvdb); 404 when none. Never creates.");
        group.MapGet("/{entityId:guid}", GetEntity).WithName(nameof(GetEntity)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An entity with every external id that names it.");
        return app;
    }

    internal static async Task<Results<Ok<ResolutionResultDto>, Created<ResolutionResultDto>>> Resolve(
        ResolutionRequestDto body, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var command = new ResolveEntityCommand(principal.ToUserRef().TenantId, ResolutionRequestParser.Parse(body));
        var result = await sender.Send(command, ct);
        return result.Created
            ? TypedResults.Created($"/api/v1/entities/{result.EntityId}", result)
            : TypedResults.Ok(result);
    }

    internal static async Task<Ok<BatchResolutionDto>> ResolveBatch(
        BatchResolutionRequest body, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var command = new ResolveEntityBatchCommand(principal.ToUserRef().TenantId, ResolutionRequestParser.ParseBatch(body.Items));
        return TypedResults.Ok(BatchResolutionDto.From(await sender.Send(command, ct)));
    }

    internal static async Task<Ok<ResolutionResultDto>> Lookup(
        string? type, string? value, string? kind, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var query = new LookupEntityQuery(principal.ToUserRef().TenantId, ExternalIdParser.Parse(type, value, kind));
        return TypedResults.Ok(await sender.Send(query, ct));
    }

    internal static async Task<Ok<EntityDto>> GetEntity(Guid entityId, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEntityQuery(principal.ToUserRef().TenantId, entityId), ct));
}

public sealed record BatchResolutionRequest(IReadOnlyList<ResolutionRequestDto>? Items);

// The batch answer's wire shapes keep the names they had when Application returned them, so do their OpenAPI schemas.

/// <summary>The answer to a batch: one item per request item, in request order.</summary>
public sealed record BatchResolutionDto(IReadOnlyList<BatchItemResultDto> Items)
{
    public static BatchResolutionDto From(BatchResolutionResult result) => new(result.Items.Select(BatchItemResultDto.From).ToList());
}

/// <summary>
/// One batch item's answer. <c>status</c> is the one the item would get on its own: 200 (resolved), 201 (created)
/// or 409 (its ids point at two entities, named in <c>conflictingEntityIds</c>; nothing was stored for it).
/// </summary>
public sealed record BatchItemResultDto(
    int Status, Guid? EntityId, double? Confidence, string? Method, IReadOnlyList<ExternalIdDto> ExternalIds,
    IReadOnlyList<Guid>? ConflictingEntityIds, string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<CandidateDto>? Candidates = null)
{
    public static BatchItemResultDto From(BatchItemResult item) => new(
        StatusCodeOf(item.Status), item.EntityId, item.Confidence, item.Method, item.ExternalIds, item.ConflictingEntityIds, item.Detail,
        item.Candidates);

    private static int StatusCodeOf(ResolutionStatus status) => status switch
    {
        ResolutionStatus.Resolved => StatusCodes.Status200OK,
        ResolutionStatus.Created => StatusCodes.Status201Created,
        ResolutionStatus.Conflict => StatusCodes.Status409Conflict,
        _ => throw new UnreachableException($"A batch item is never {status}: such a batch is rejected whole."),
    };
}
