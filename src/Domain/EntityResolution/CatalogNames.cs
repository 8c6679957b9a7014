using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.EntityResolution;

/// <summary>The lower-case names id types, kinds and methods have on the wire and in storage: "tmdb", "movie", "fuzzy".</summary>
public static class CatalogNames
{
    public static string Of(ExternalIdType type) => type switch
    {
        ExternalIdType.Eidr => "eidr",
        ExternalIdType.Imdb => "imdb",
        ExternalIdType.Tmdb => "tmdb",
        ExternalIdType.Tvdb => "tvdb",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Entity kinds and their names, for parsing as well as formatting.</summary>
    public static readonly WireNames<EntityKind> Kinds = new(
        (EntityKind.Movie, "movie"),
        (EntityKind.Series, "series"),
        (EntityKind.Season, "season"),
        (EntityKind.Episode, "episode"));

    public static string Of(EntityKind kind) => Kinds.Of(kind);

    public static string Of(ResolutionMethod method) => method switch
    {
        ResolutionMethod.Cache => "cache",
        ResolutionMethod.Exact => "exact",
        ResolutionMethod.Fuzzy => "fuzzy",
        ResolutionMethod.Embedding => "embedding",
        ResolutionMethod.Created => "created",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
