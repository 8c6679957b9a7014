using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Application.EntityResolution;

/// <summary>Entity resolution settings (section "EntityResolution").</summary>
public sealed class EntityResolutionOptions
{
    public const string SectionName = "EntityResolution";

    /// <summary>Items one batch resolution may carry (a published limit of the contract, not a setting).</summary>
    public const int MaxBatchItems = 1000;

    /// <summary>External ids one item may carry (aliases and every catalogue's id of one title).</summary>
    public const int MaxIdsPerItem = 32;

    /// <summary>A fuzzy or embedding candidate links when its combined score reaches this; otherwise an entity is created.</summary>
    [Range(0.5, 1.0)]
    public double MatchThreshold { get; set; } = 0.85;

    /// <summary>
    /// A request without a year whose best two candidates score within this of each other links to neither: it
    /// creates an entity and lists them (<see cref="CloseCandidate"/>).
    /// </summary>
    [Range(0.0, 0.5)]
    public double AmbiguityMargin { get; set; } = 0.05;

    /// <summary>Nearest candidates fetched per request from each of the trigram and the embedding index.</summary>
    [Range(1, 50)]
    public int CandidatesPerQuery { get; set; } = 5;
}
