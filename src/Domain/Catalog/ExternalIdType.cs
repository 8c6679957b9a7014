namespace MediaGateway.Domain.Catalog;

/// <summary>The catalogues whose ids the service resolves. The lower-case name is the wire and storage form.</summary>
public enum ExternalIdType
{
    Eidr,
    Imdb,
    Tmdb,
    Tvdb,
}
