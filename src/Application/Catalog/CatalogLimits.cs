namespace MediaGateway.Application.Catalog;

/// <summary>What one catalog ingest accepts.</summary>
public static class CatalogLimits
{
    public const int MaxEntitiesPerRequest = 1_000;
    public const int MaxGenres = 10;
    public const int MaxGenreLength = 50;
    public const int MaxDescriptionLength = 4_000;

    /// <summary>Metadata is the client's own JSON object, kept small: it travels with every stored title.</summary>
    public const int MaxMetadataBytes = 16 * 1024;

    public const int MaxModelIdLength = 100;
}
