namespace MediaGateway.Domain.EntityResolution;

/// <summary>The catalogues whose ids the service resolves. The lower-case name is the wire and storage form.</summary>
public enum ExternalIdType
{
    Eidr,
    Imdb,
    Tmdb,
    Tvdb,
}
