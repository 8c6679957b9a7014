using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Sync;

public enum PlaybackState
{
    Playing,
    Paused,
    Stopped,
}

/// <summary>The names playback states have in the API and in storage (<c>user_progress.state</c>).</summary>
public static class PlaybackStates
{
    public static readonly WireNames<PlaybackState> Names = new(
        (PlaybackState.Playing, "playing"),
        (PlaybackState.Paused, "paused"),
        (PlaybackState.Stopped, "stopped"));
}
