using System.Security.Claims;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Sync.Watchlist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.Endpoints.Sync;

public static class WatchlistEndpoints
{
    public static IEndpointRouteBuilder MapWatchlistEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/watchlist").WithTags("Sync").ProducesServiceUnavailable();
        group.MapGet("/", GetWatchlist).WithName(nameof(GetWatchlist));
        group.MapPost("/items", AddToWatchlist).WithName(nameof(AddToWatchlist)).NamesDeviceIdErrorsAfterHeader()
            .ProducesConflict<WatchlistFullProblem>()
            .WithSummary("Adds content (201; 200 when it was already listed; 409 when the watchlist is full). Add wins over a concurrent remove.");
        group.MapDelete("/items/{contentId}", RemoveFromWatchlist).WithName(nameof(RemoveFromWatchlist)).NamesDeviceIdErrorsAfterHeader()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Removes the content as this server sees it now (404 when not listed).");
        return app;
    }

    internal static async Task<Ok<WatchlistDto>> GetWatchlist(ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetWatchlistQuery(principal.ToUserRef()), ct));

    internal static async Task<Results<Created<WatchlistEntry>, Ok<WatchlistEntry>>> AddToWatchlist(
        AddToWatchlistRequest body, [FromHeader(Name = DeviceHeader.Name)] string? deviceId,
        ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(new AddToWatchlistCommand(principal.ToUserRef(), deviceId, body.ContentId), ct);
        return result.AlreadyListed
            ? TypedResults.Ok(result.Entry)
            : TypedResults.Created($"/api/v1/watchlist/items/{Uri.EscapeDataString(result.Entry.ContentId)}", result.Entry);
    }

    internal static async Task<NoContent> RemoveFromWatchlist(
        string contentId, [FromHeader(Name = DeviceHeader.Name)] string? deviceId, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RemoveFromWatchlistCommand(principal.ToUserRef(), deviceId, contentId), ct);
        return TypedResults.NoContent();
    }
}

public sealed record AddToWatchlistRequest(string? ContentId);
