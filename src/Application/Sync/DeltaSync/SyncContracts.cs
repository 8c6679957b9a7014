using System.Text.Json.Serialization;

namespace MediaGateway.Application.Sync.DeltaSync;

/// <summary>
/// A hybrid logical clock reading on the wire; the node is the device that sent or made it. Both numbers are
/// required in a request: a missing one would otherwise read as 0, a stamp older than anything stored.
/// </summary>
public sealed record HlcDto([property: JsonRequired] long PhysicalMs, [property: JsonRequired] int Logical);

/// <summary>One operation as a device sends it: which fields apply depends on <see cref="Type"/>.</summary>
public sealed record SyncOperationDto(
    string? Type,
    string? ContentId,
    string? Tag,
    IReadOnlyList<string>? Tags,
    HlcDto? Hlc,
    int? PositionSeconds,
    int? DurationSeconds,
    string? State);

/// <summary>One change as the server returns it, with the device that made it.</summary>
public sealed record SyncChangeDto(
    string Type,
    string ContentId,
    HlcDto Hlc,
    string DeviceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tag = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tags = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PositionSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DurationSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? State = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Completed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HlcDto? CompletedHlc = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CompletedDeviceId = null);

/// <summary>
/// The answer to a sync. <see cref="FullResync"/> means the cursor was older than the tombstones kept, so
/// <see cref="Operations"/> is the whole state: the device drops anything it holds that is not in it.
/// </summary>
public sealed record SyncResponseDto(string Cursor, HlcDto ServerHlc, IReadOnlyList<SyncChangeDto> Operations, bool FullResync);
