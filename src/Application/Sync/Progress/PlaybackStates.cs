using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Progress;

/// <summary>The wire names of <see cref="PlaybackState"/>: playing, paused, stopped.</summary>
internal static class PlaybackStates
{
    public const string Message = "'state' must be one of playing, paused, stopped.";

    public static bool IsKnown(string? state) => state is "playing" or "paused" or "stopped";

    public static PlaybackState Parse(string state) => state switch
    {
        "playing" => PlaybackState.Playing,
        "paused" => PlaybackState.Paused,
        "stopped" => PlaybackState.Stopped,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, Message),
    };
}
