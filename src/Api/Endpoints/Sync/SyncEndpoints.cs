using System.Net.ServerSentEvents;
using System.Security.Claims;
using Mediator;
using MediaGateway.Api.Security;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.Endpoints.Sync;

public static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync").WithTags("Sync");
        group.MapPost("/", Sync).WithName(nameof(Sync)).WithBodyLimit(BodyLimits.Sync)
            .WithSummary("Applies the device's offline operations, then returns the other devices' changes since its cursor.");
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

    internal static ServerSentEventsResult<SyncEvent> SyncEvents(ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.ServerSentEvents(
            sender.CreateStream(new SubscribeToSyncEventsQuery(principal.ToUserRef()), ct)
                .Select(notice => new SseItem<SyncEvent>(SyncEvent.From(notice), "change")));
}

public sealed record SyncRequest(string? DeviceId, string? Cursor, IReadOnlyList<SyncOperationDto?>? Operations);

/// <summary>The data of a <c>change</c> event: <c>{kind, contentId, deviceId, cursor}</c>.</summary>
public sealed record SyncEvent(string Kind, string ContentId, string DeviceId, long? Cursor)
{
    public static SyncEvent From(SyncNotice notice) =>
        new(SyncNoticeKinds.Names.Of(notice.Kind), notice.ContentId, notice.DeviceId, notice.Cursor);
}
