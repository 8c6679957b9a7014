using System.Security.Claims;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MediaGateway.Api.Endpoints.Sync;

public static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync").WithTags("Sync");
        group.MapPost("/", Sync).WithName(nameof(Sync)).WithBodyLimit(BodyLimits.Sync)
            .ProducesConflict<WatchlistFullProblem>().ProducesServiceUnavailable()
            .WithSummary("Applies the device's offline operations, then returns the other devices' changes since its cursor (409 when its adds would overfill the watchlist).");
        group.MapGet("/events", SyncEvents).WithName(nameof(SyncEvents))
            .WithSummary("Server-Sent Events: a 'change' event whenever the user's data changes on any device.");
        return app;
    }

    internal static async Task<Ok<SyncResponseDto>> Sync(
        SyncRequest body, [FromHeader(Name = DeviceHeader.Name)] string? headerDeviceId,
        ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        DeviceHeader.EnsureAgreesWithBody(headerDeviceId, body.DeviceId);
        return TypedResults.Ok(await sender.Send(
            new SyncCommand(principal.ToUserRef(), body.DeviceId, body.Cursor, body.Operations), ct));
    }

    internal static SyncEventStreamResult SyncEvents(
        ClaimsPrincipal principal, ISender sender, IOptions<SyncOptions> options, TimeProvider time)
    {
        var user = principal.ToUserRef();
        return new SyncEventStreamResult(
            ct => sender.CreateStream(new SubscribeToSyncEventsQuery(user), ct).Select(SyncEvent.From),
            TimeSpan.FromSeconds(options.Value.EventsHeartbeatSeconds), time);
    }
}

public sealed record SyncRequest(string? DeviceId, string? Cursor, IReadOnlyList<SyncOperationDto?>? Operations);

/// <summary>The data of a <c>change</c> event: <c>{kind, contentId, deviceId, cursor}</c>.</summary>
public sealed record SyncEvent(string Kind, string ContentId, string DeviceId, long? Cursor)
{
    public static SyncEvent From(SyncNotice notice) =>
        new(SyncNoticeKinds.Names.Of(notice.Kind), notice.ContentId, notice.DeviceId, notice.Cursor);
}
