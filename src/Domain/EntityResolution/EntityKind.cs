namespace MediaGateway.Domain.EntityResolution;

/// <summary>What an entity is. Matching never links across kinds.</summary>
public enum EntityKind
{
    Movie,
    Series,
    Season,
    Episode,
}
