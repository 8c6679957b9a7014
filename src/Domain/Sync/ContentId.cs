namespace MediaGateway.Domain.Sync;

/// <summary>A client's id for a title (a film, an episode), opaque to the server: watchlists and progress are keyed by it.</summary>
public static class ContentId
{
    public const int MaxLength = 255;
}
