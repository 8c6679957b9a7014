namespace MediaGateway.Domain.Sync;

public enum PlaybackState
{
    Playing,
    Paused,
    Stopped,
}
