namespace MediaGateway.Domain.EntityResolution;

/// <summary>How an external id came to point at its entity (stored per mapping) or how a request was answered.</summary>
public enum ResolutionMethod
{
    /// <summary>Answered from the L1 or L2 cache.</summary>
    Cache,

    /// <summary>An explicit external id already mapped, or attached beside one.</summary>
    Exact,

    /// <summary>Linked by title, kind and year similarity.</summary>
    Fuzzy,

    /// <summary>Linked mainly by embedding similarity.</summary>
    Embedding,

    /// <summary>No match: a new entity was created for the ids.</summary>
    Created,
}
