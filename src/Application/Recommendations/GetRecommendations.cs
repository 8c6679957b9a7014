using System.Numerics;
using Mediator;
using MediaGateway.Application.Catalog;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.Recommendations;

/// <summary>
/// "What should this person watch next?": the titles nearest the caller's taste vector, without anything they have
/// already interacted with (seen, disliked, completed: a recommendation is for something new), diversified by
/// maximal marginal relevance, each with the recent title that brought it. A user with few interactions (cold
/// start) gets the week's trending titles blended with the few signals there are, and the catalog's newest titles
/// when nothing trends: the list is never empty while the catalog has titles.
/// </summary>
public sealed record GetRecommendationsQuery(UserRef User, TitleListParameters List) : IQuery<TitleList>;

public sealed class GetRecommendationsHandler(IRecommendationStore store, ITextEmbedder embedder, IOptions<RecommendationOptions> options)
    : IQueryHandler<GetRecommendationsQuery, TitleList>
{
    /// <summary>Recent titles considered for "because you watched".</summary>
    internal const int RecentSignals = 20;

    /// <summary>Trending titles fall back on for a cold start.</summary>
    internal const TrendingWindow ColdStartWindow = TrendingWindow.Week;

    public async ValueTask<TitleList> Handle(GetRecommendationsQuery query, CancellationToken cancellationToken)
    {
        var (user, limit, filter) = (query.User, query.List.Limit, query.List.Filter);
        var settings = options.Value;
        var taste = await store.GetTasteAsync(user, embedder.ModelId, RecentSignals, cancellationToken);

        var personal = new List<TitleListItem>();
        if (taste.Vector is not null)
        {
            var candidates = await store.FindNearestAsync(
                user.TenantId, embedder.ModelId, taste.Vector, filter, taste.Excluded, limit * settings.CandidatesPerItem, cancellationToken);
            var relevance = candidates.Select(c => 1 - c.Distance).ToList();
            var picks = DiversityRanker.Select(relevance, candidates.Select(c => c.Embedding!).ToList(), limit, settings.DiversityLambda);
            personal = picks.Select(i => ToItem(candidates[i], relevance[i], taste.Recent)).ToList();
        }

        if (taste.InteractionCount >= settings.ColdStartInteractions && personal.Count == limit)
        {
            return new TitleList(personal);
        }

        // Cold start, or a filter narrower than the taste's neighbourhood: trending, then the newest titles, fill in.
        // Interactions without a direction (neutral ratings, titles not embedded by the model) tell nothing to rank
        // by: confidence stays 0 and the fallback keeps its trending order.
        var confidence = taste.Vector is null
            ? 0
            : Math.Clamp((double)taste.InteractionCount / Math.Max(1, settings.ColdStartInteractions), 0, 1);
        // Enough to fill the list after the user's exclusions, in a few sizes only: each size is a cached list.
        var wanted = Math.Min(settings.TrendingDepth, (int)BitOperations.RoundUpToPowerOf2((uint)(limit + taste.Excluded.Count)));
        var fallback = (await store.GetTrendingAsync(user.TenantId, ColdStartWindow, filter, wanted, cancellationToken))
            .Select(t => (Title: t, Reason: "popular right now")).ToList();
        if (fallback.Count < wanted)
        {
            fallback.AddRange((await store.GetNewestAsync(user.TenantId, embedder.ModelId, filter, wanted, cancellationToken))
                .Select(t => (Title: t, Reason: "new in the catalog")));
        }

        return new TitleList(Blend(personal, fallback, taste.Excluded, confidence, limit));
    }

    /// <summary>
    /// Personal items weighed by how much is known about the user, the fallback's by rank; each title once, best first.
    /// </summary>
    private static List<TitleListItem> Blend(
        IReadOnlyList<TitleListItem> personal, IReadOnlyList<(TrendingTitle Title, string Reason)> fallback, IReadOnlySet<Guid> excluded,
        double confidence, int limit)
    {
        // Each item with its fallback rank, which orders equal scores (a known user's fallback all scores 0).
        var items = new Dictionary<Guid, (TitleListItem Item, int Rank)>();
        foreach (var item in personal)
        {
            items[item.EntityId] = (item with { Score = confidence * item.Score }, -1);
        }

        var candidates = fallback.Where(f => !excluded.Contains(f.Title.EntityId)).DistinctBy(f => f.Title.EntityId).ToList();
        for (var rank = 0; rank < candidates.Count; rank++)
        {
            var (title, reason) = candidates[rank];
            // 1 for the top title, falling with rank; below every confident personal match, above unconfident ones.
            var score = (1 - confidence) / (1 + rank * 0.1);
            if (!items.TryGetValue(title.EntityId, out var existing))
            {
                items[title.EntityId] = (new TitleListItem(title.EntityId, title.Title, CatalogNames.Of(title.Kind), title.Year, score, reason), rank);
            }
            else if (existing.Item.Score < score)
            {
                items[title.EntityId] = (existing.Item with { Score = score }, rank);
            }
        }

        return items.Values.OrderByDescending(x => x.Item.Score).ThenBy(x => x.Rank).Select(x => x.Item).Take(limit).ToList();
    }

    private static TitleListItem ToItem(NearTitle title, double relevance, IReadOnlyList<TasteSignal> recent)
    {
        var because = recent
            .Where(signal => signal.EntityId != title.EntityId)
            .Select(signal => (signal.Title, Similarity: VectorMath.Cosine(signal.Embedding, title.Embedding!)))
            .DefaultIfEmpty()
            .MaxBy(x => x.Similarity);
        var reason = because.Title is null ? "matches your taste" : $"because you watched {because.Title}";
        return new TitleListItem(title.EntityId, title.Title, CatalogNames.Of(title.Kind), title.Year, relevance, reason);
    }
}
