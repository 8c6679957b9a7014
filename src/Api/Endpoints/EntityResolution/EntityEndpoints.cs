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
            .Produces<EntityRedirectDto>(StatusCodes.Status308PermanentRedirect)
            .WithSummary("An entity with every external id that names it; 308 to the survivor, with a body naming it, for an entity merged into another.");

        // Catalog operators fix what feeds got wrong, without losing ids: role admin only.
        group.MapPost("/{entityId:guid}/merge", Merge).WithName(nameof(Merge)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict<EntityMergedProblem>()
            .WithSummary("Moves every external id of the entity to `into` and keeps the entity as a redirect to it; 200 with the survivor, also when repeated. 409 into itself or into a redirect. Role admin.");
        group.MapPost("/{entityId:guid}/split", Split).WithName(nameof(Split)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict<EntityMergedProblem>()
            .WithSummary("Moves the named external ids to a new entity (a copy of this one's kind, title, year and embedding), 201 with it; the rest stay. 409 for a redirect or for every id of the entity. Role admin.");
        group.MapGet("/{entityId:guid}/history", GetHistory).WithName(nameof(GetHistory)).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The merges and splits the entity took part in, on either side, newest first: who, when and which ids moved. Role admin.");
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

    internal static async Task<Results<Ok<EntityDto>, JsonHttpResult<EntityRedirectDto>>> GetEntity(
        Guid entityId, ClaimsPrincipal principal, ISender sender, HttpContext http, CancellationToken ct)
    {
        var entity = await sender.Send(new GetEntityQuery(principal.ToUserRef().TenantId, entityId), ct);
        if (entity.MergedInto is { } survivor)
        {
            // 308 for clients that follow redirects; the body names the survivor for those that do not.
            http.Response.Headers.Location = $"/api/v1/entities/{survivor}";
            return TypedResults.Json(new EntityRedirectDto(entityId, survivor), statusCode: StatusCodes.Status308PermanentRedirect);
        }

        return TypedResults.Ok(entity);
    }

    internal static async Task<Ok<EntityDto>> Merge(
        Guid entityId, MergeRequest body, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new MergeEntitiesCommand(principal.ToUserRef(), entityId, body.Into), ct));

    internal static async Task<Created<EntityDto>> Split(
        Guid entityId, SplitRequest body, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(SplitEntityCommand.Parse(principal.ToUserRef(), entityId, body.ExternalIds), ct);
        return TypedResults.Created($"/api/v1/entities/{created.EntityId}", created);
    }

    internal static async Task<Ok<EntityHistoryDto>> GetHistory(Guid entityId, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEntityHistoryQuery(principal.ToUserRef().TenantId, entityId), ct));
}

/// <summary>The answer for an entity merged into another: where its ids went.</summary>
public sealed record EntityRedirectDto(Guid EntityId, Guid MergedInto);

/// <param name="Into">The entity that keeps every id (the survivor).</param>
public sealed record MergeRequest(Guid? Into);

/// <param name="ExternalIds">The ids to move to a new entity, as resolution takes them: <c>{type, value, kind?}</c>.</param>
public sealed record SplitRequest(IReadOnlyList<ExternalIdDto?>? ExternalIds);

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
