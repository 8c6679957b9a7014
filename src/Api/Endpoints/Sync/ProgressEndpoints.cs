using System.Security.Claims;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Sync.Progress;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.Endpoints.Sync;

public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/progress").WithTags("Sync").ProducesServiceUnavailable();
        group.MapPut("/{contentId}", SetProgress).WithName(nameof(SetProgress)).NamesDeviceIdErrorsAfterHeader()
            .ProducesConflict<ProgressDeletedProblem>()
            .WithSummary("Reports the playback position from the device in X-Device-Id; answers with what is stored (the newest write wins), or 409 when a newer delete from another device won.");
        group.MapGet("/", ListProgress).WithName(nameof(ListProgress)).ProducesValidationProblem()
            .WithSummary("status=all|in-progress|completed; in-progress is Continue Watching.");
        group.MapGet("/{contentId}", GetProgress).WithName(nameof(GetProgress))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{contentId}", DeleteProgress).WithName(nameof(DeleteProgress)).NamesDeviceIdErrorsAfterHeader()
            .ProducesValidationProblem()
            .WithSummary("Forgets position and completion (mark unwatched). Idempotent.");
        return app;
    }

    internal static async Task<Ok<ProgressItemDto>> SetProgress(
        string contentId, SetProgressRequest body, [FromHeader(Name = DeviceHeader.Name)] string? deviceId,
        ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new SetProgressCommand(
            principal.ToUserRef(), deviceId, contentId, body.PositionSeconds, body.DurationSeconds, body.State), ct);
        return TypedResults.Ok(result.Item);
    }

    internal static async Task<Ok<ProgressListDto>> ListProgress(
        string? status, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListProgressQuery(principal.ToUserRef(), status), ct));

    internal static async Task<Ok<ProgressItemDto>> GetProgress(
        string contentId, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProgressQuery(principal.ToUserRef(), contentId), ct));

    internal static async Task<NoContent> DeleteProgress(
        string contentId, [FromHeader(Name = DeviceHeader.Name)] string? deviceId, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteProgressCommand(principal.ToUserRef(), deviceId, contentId), ct);
        return TypedResults.NoContent();
    }
}

/// <summary>All three fields are required: a missing number is a 400, never a silent 0.</summary>
public sealed record SetProgressRequest(int? PositionSeconds, int? DurationSeconds, string? State);
