using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Application.Recommendations;

/// <summary>
/// The read side of recommendations: nearest titles by cosine distance among one tenant's titles of one model
/// (never across tenants or models), the user's taste, and trending. The adapter picks the search strategy
/// (approximate HNSW with iterative scans, or exact) so that a small tenant beside a large one still gets full lists.
/// </summary>
public interface IRecommendationStore
{
    /// <summary>The user's taste vector (of <paramref name="modelId"/>), their most recent positive signals, and what to exclude.</summary>
    Task<UserTaste> GetTasteAsync(UserRef user, string modelId, int recentSignals, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> titles nearest <paramref name="vector"/>, nearest first, passing <paramref name="filter"/>, none of <paramref name="exclude"/>.</summary>
    Task<IReadOnlyList<NearTitle>> FindNearestAsync(
        string tenantId, string modelId, float[] vector, TitleFilter filter, IReadOnlyCollection<Guid> exclude, int count,
        CancellationToken cancellationToken);

    /// <summary>One title with its embedding (null when it has none of <paramref name="modelId"/>); null when the tenant has no such title.</summary>
    Task<NearTitle?> GetTitleAsync(string tenantId, string modelId, Guid entityId, CancellationToken cancellationToken);

    /// <summary>The tenant's trending titles of a window, as the trending job last computed them, highest first.</summary>
    Task<IReadOnlyList<TrendingTitle>> GetTrendingAsync(
        string tenantId, TrendingWindow window, TitleFilter filter, int count, CancellationToken cancellationToken);

    /// <summary>The tenant's newest titles: the last resort of a cold start when nothing is trending.</summary>
    Task<IReadOnlyList<TrendingTitle>> GetNewestAsync(string tenantId, string modelId, TitleFilter filter, int count, CancellationToken cancellationToken);
}

/// <summary>What a list asks for: one kind and one genre (lower-case), or any when null.</summary>
public sealed record TitleFilter(EntityKind? Kind, string? Genre)
{
    public static TitleFilter Any { get; } = new(null, null);
}

/// <param name="Embedding">The title's vector; null only from <see cref="IRecommendationStore.GetTitleAsync"/> when it has none of the model.</param>
/// <param name="Distance">Cosine distance to the query vector (0 for <see cref="IRecommendationStore.GetTitleAsync"/>).</param>
public sealed record NearTitle(Guid EntityId, string Title, EntityKind Kind, int? Year, float[]? Embedding, double Distance);

public sealed record TrendingTitle(Guid EntityId, string Title, EntityKind Kind, int? Year, double Score);

/// <param name="Vector">The taste vector, null when there is none yet (or it has no direction).</param>
/// <param name="Recent">The newest positively weighted interactions, newest first, for "because you watched".</param>
/// <param name="Excluded">Titles not to recommend: every title the user interacted with, and those completed in the sync feature's progress.</param>
public sealed record UserTaste(float[]? Vector, int InteractionCount, IReadOnlyList<TasteSignal> Recent, IReadOnlySet<Guid> Excluded);

public sealed record TasteSignal(Guid EntityId, string Title, float[] Embedding);
