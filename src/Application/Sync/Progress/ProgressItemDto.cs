using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Progress;

public sealed record ProgressItemDto(
    string ContentId,
    int PositionSeconds,
    int DurationSeconds,
    string State,
    double Percent,
    bool Completed,
    DateTimeOffset UpdatedAt,
    string DeviceId)
{
    /// <summary>The stored progress as clients see it; null when it is a deletion.</summary>
    public static ProgressItemDto? From(StoredProgress stored)
    {
        if (stored.Progress.Position.Value is not { } position)
        {
            return null;
        }

        return new ProgressItemDto(
            stored.ContentId,
            position.PositionSeconds,
            position.DurationSeconds,
            PlaybackStates.Names.Of(position.State),
            position.Percent,
            stored.Progress.IsCompleted,
            stored.UpdatedAt,
            stored.Progress.Position.Stamp.NodeId);
    }
}

public sealed record ProgressListDto(IReadOnlyList<ProgressItemDto> Items);
