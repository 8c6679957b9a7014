using System.Security.Claims;
using System.Text.Json;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Devices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.Devices;

public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices").ProducesServiceUnavailable();
        group.MapPut("/{deviceId}", RegisterDevice).WithName(nameof(RegisterDevice))
            .WithSummary("Registers the caller's device, or updates it (201 when new, 200 when updated).");
        group.MapPost("/{deviceId}/heartbeat", RecordHeartbeat).WithName(nameof(RecordHeartbeat))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Marks the device online now.");
        group.MapGet("/", ListDevices).WithName(nameof(ListDevices))
            .WithSummary("The caller's devices, with whether each is online (heard from in the last 5 minutes).");
        group.MapDelete("/{deviceId}", RemoveDevice).WithName(nameof(RemoveDevice))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Results<Created<DeviceDto>, Ok<DeviceDto>>> RegisterDevice(
        string deviceId, RegisterDeviceRequest body, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        var result = await sender.Send(body.ToCommand(principal.ToUserRef(), deviceId), ct);
        return result.Created
            ? TypedResults.Created($"/api/v1/devices/{Uri.EscapeDataString(deviceId)}", result.Device)
            : TypedResults.Ok(result.Device);
    }

    internal static async Task<Ok<DeviceDto>> RecordHeartbeat(
        string deviceId, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RecordHeartbeatCommand(principal.ToUserRef(), deviceId), ct));

    internal static async Task<Ok<DeviceListResponse>> ListDevices(ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(new DeviceListResponse(await sender.Send(new ListDevicesQuery(principal.ToUserRef()), ct)));

    internal static async Task<NoContent> RemoveDevice(
        string deviceId, ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RemoveDeviceCommand(principal.ToUserRef(), deviceId), ct);
        return TypedResults.NoContent();
    }
}

public sealed record RegisterDeviceRequest(
    string? DeviceType, string? Platform, string? AppVersion, string? DeviceName, JsonElement? Capabilities)
{
    public RegisterDeviceCommand ToCommand(Domain.Identity.UserRef user, string deviceId) =>
        new(user, deviceId, DeviceType, Platform, AppVersion, DeviceName, Capabilities);
}

public sealed record DeviceListResponse(IReadOnlyList<DeviceDto> Items);
