using System.ComponentModel.DataAnnotations;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Application.Recommendations;

/// <summary>Configuration section <c>Recommendations</c>. Interaction weights may be set per tenant under <c>Tenants:{id}:Weights</c>.</summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendations";

    /// <summary>Weights for tenants without their own; any weight left out keeps its default.</summary>
    public WeightOptions Weights { get; set; } = new();

    public Dictionary<string, TenantRecommendationOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An interaction counts half as much in a user's taste after this many days.</summary>
    [Range(0.01, 3650)]
    public double HalfLifeDays { get; set; } = 30;

    /// <summary>Below this many interactions a user gets trending titles blended with the few signals there are.</summary>
    [Range(0, 1000)]
    public int ColdStartInteractions { get; set; } = 5;

    /// <summary>Maximal marginal relevance: 1 ranks by relevance alone, lower values favour variety.</summary>
    [Range(0.0, 1.0)]
    public double DiversityLambda { get; set; } = 0.7;

    /// <summary>Nearest titles fetched per requested item, for exclusions and diversity to choose from.</summary>
    [Range(1, 50)]
    public int CandidatesPerItem { get; set; } = 4;

    /// <summary>How often trending is recomputed (once per cluster).</summary>
    [Range(1, 86_400)]
    public int TrendingIntervalSeconds { get; set; } = 60;

    /// <summary>How often the tastes that drifted are copied into the "users like you" index (once per cluster).</summary>
    [Range(1, 86_400)]
    public int PreferenceIndexIntervalSeconds { get; set; } = 10;

    /// <summary>Titles kept per tenant and window by the trending job.</summary>
    [Range(1, 100_000)]
    public int TrendingDepth { get; set; } = 1_000;

    public TimeSpan HalfLife => TimeSpan.FromDays(HalfLifeDays);

    public InteractionWeights WeightsFor(string tenantId) =>
        (Tenants.TryGetValue(tenantId, out var tenant) && tenant.Weights is { } own ? own : Weights).ToWeights();
}

public sealed class TenantRecommendationOptions
{
    public WeightOptions? Weights { get; set; }
}

public sealed class WeightOptions
{
    public double View { get; set; } = InteractionWeights.Default.View;

    public double Play { get; set; } = InteractionWeights.Default.Play;

    public double Complete { get; set; } = InteractionWeights.Default.Complete;

    public double Like { get; set; } = InteractionWeights.Default.Like;

    public double Dislike { get; set; } = InteractionWeights.Default.Dislike;

    public double Watchlist { get; set; } = InteractionWeights.Default.Watchlist;

    public InteractionWeights ToWeights() => new(View, Play, Complete, Like, Dislike, Watchlist);
}
