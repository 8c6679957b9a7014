using MediaGateway.Domain.EntityResolution;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.EntityResolution;

/// <summary>A parsed request (<see cref="ResolutionRequestParser"/>): its distinct canonical ids and what matching and creation need.</summary>
public sealed record ResolutionInput(IReadOnlyList<ExternalId> Ids, EntityKind? Kind, string? Title, int? Year, float[]? Embedding);

public enum ResolutionStatus
{
    Resolved,
    Created,

    /// <summary>The ids already point at two or more entities; nothing was stored.</summary>
    Conflict,

    /// <summary>No id is known and the request lacks the title and kind needed to create an entity; nothing was stored.</summary>
    NeedsTitleAndKind,
}

/// <param name="CloseCandidates">
/// Set when the request was ambiguous: no year, and two or more stored entities scored above the threshold within
/// <see cref="EntityResolutionOptions.AmbiguityMargin"/> of each other. The request linked to none of them
/// (<see cref="ResolutionStatus.Created"/>); a catalog operator can merge later.
/// </param>
public sealed record ResolutionOutcome(
    ResolutionStatus Status, Guid EntityId, double Confidence, ResolutionMethod Method, IReadOnlyList<ExternalId> Ids,
    IReadOnlyList<Guid> ConflictingEntityIds, IReadOnlyList<CloseCandidate>? CloseCandidates = null);

/// <summary>A stored entity that an ambiguous request matched about as well as another.</summary>
public sealed record CloseCandidate(Guid EntityId, string Title, int? Year, double Score);

/// <summary>
/// The resolution flow shared by single and batch resolution, for any number of requests at once:
/// one lookup of every id (cache tiers, then Postgres, behind the store port), then one candidate query for every request with no
/// known id, then one transaction for every new entity and mapping. An explicit id always wins over a fuzzy
/// match, and ids that already point at two entities are a conflict, never a silent merge.
/// </summary>
public sealed class EntityResolver(
    IEntityStore store, IOptions<EntityResolutionOptions> options, EntityResolutionMetrics? metrics = null)
{
    /// <summary>Concurrent resolutions of the same new ids race; the loser re-reads and links to the winner.</summary>
    private const int MaxAttempts = 3;

    public async Task<IReadOnlyList<ResolutionOutcome>> ResolveAsync(
        string tenantId, IReadOnlyList<ResolutionInput> inputs, CancellationToken cancellationToken)
    {
        var distinctIds = inputs.SelectMany(i => i.Ids).Distinct().ToList();

        for (var attempt = 1; ; attempt++)
        {
            var known = await FindKnownAsync(tenantId, distinctIds, cancellationToken);
            var plan = await PlanAsync(tenantId, inputs, known, cancellationToken);
            // Nothing new to store, or a request the caller rejects whole (so nothing may be stored).
            if (plan.Mappings.Count == 0 || plan.Outcomes.Any(o => o.Status == ResolutionStatus.NeedsTitleAndKind))
            {
                return plan.Outcomes;
            }

            var saved = await store.SaveAsync(tenantId, plan.NewEntities, plan.Mappings, cancellationToken);
            if (saved.Committed)
            {
                return plan.Outcomes;
            }

            if (attempt == MaxAttempts)
            {
                throw new Common.Exceptions.ConflictException(
                    "These external ids are being resolved concurrently by another request; retry.");
            }
        }
    }

    /// <summary>Every id's current mapping, in one lookup through the store port (cache tiers, then Postgres).</summary>
    private async Task<Dictionary<ExternalId, Known>> FindKnownAsync(string tenantId, List<ExternalId> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var stored = await store.FindMappingsAsync(tenantId, ids, cancellationToken);
        return stored.Values.ToDictionary(m => m.Id, m => new Known(m.EntityId, m.Confidence, m.FromCache));
    }

    private async Task<Plan> PlanAsync(
        string tenantId, IReadOnlyList<ResolutionInput> inputs, Dictionary<ExternalId, Known> known, CancellationToken cancellationToken)
    {
        var candidates = await FindCandidatesAsync(tenantId, inputs, known, cancellationToken);
        var plan = new Plan();
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            var targets = input.Ids.Where(known.ContainsKey).Select(id => known[id].EntityId).Distinct().ToList();
            if (targets.Count > 1)
            {
                plan.Outcomes.Add(new ResolutionOutcome(ResolutionStatus.Conflict, Guid.Empty, 0, ResolutionMethod.Exact, input.Ids, targets));
                continue;
            }

            ResolutionOutcome outcome;
            var matches = targets.Count == 0 ? Matches(input, candidates[index]) : [];
            var ambiguous = IsAmbiguous(input, matches);
            if (targets.Count == 1)
            {
                // An explicit id decides; ids the request adds beside it are as certain as the best of its known ids.
                var resolved = input.Ids.Where(known.ContainsKey).Select(id => known[id]).ToList();
                var method = resolved.Count == input.Ids.Count && resolved.All(k => k.FromCache) ? ResolutionMethod.Cache : ResolutionMethod.Exact;
                outcome = new ResolutionOutcome(ResolutionStatus.Resolved, targets[0], resolved.Max(k => k.Confidence), method, input.Ids, []);
            }
            else if (matches is [var match, ..] && !ambiguous)
            {
                outcome = new ResolutionOutcome(ResolutionStatus.Resolved, match.EntityId, match.Score, match.Method, input.Ids, []);
            }
            else if (input.Kind is { } kind && input.Title is { } title)
            {
                var entity = new Entity(Guid.CreateVersion7(), kind, title, input.Year, input.Embedding);
                plan.NewEntities.Add(entity);
                var close = ambiguous ? CloseCandidates(matches) : null;
                if (ambiguous)
                {
                    metrics?.Ambiguous.Add(1);
                }

                outcome = new ResolutionOutcome(ResolutionStatus.Created, entity.Id, 1.0, ResolutionMethod.Created, input.Ids, [], close);
            }
            else
            {
                plan.Outcomes.Add(new ResolutionOutcome(ResolutionStatus.NeedsTitleAndKind, Guid.Empty, 0, ResolutionMethod.Exact, input.Ids, []));
                continue;
            }

            plan.Outcomes.Add(outcome);
            var stored = outcome.Method is ResolutionMethod.Cache ? ResolutionMethod.Exact : outcome.Method;
            foreach (var id in input.Ids.Where(id => !known.ContainsKey(id)))
            {
                plan.Mappings.Add(new MappingWrite(id, outcome.EntityId, outcome.Confidence, stored));
                // Later items of the same batch that carry this id resolve to the same entity.
                known[id] = new Known(outcome.EntityId, outcome.Confidence, FromCache: false);
            }
        }

        return plan;
    }

    /// <summary>One candidate query for all requests that no known id decides and that say what they are.</summary>
    private async Task<ILookup<int, MatchCandidate>> FindCandidatesAsync(
        string tenantId, IReadOnlyList<ResolutionInput> inputs, Dictionary<ExternalId, Known> known, CancellationToken cancellationToken)
    {
        var queries = new List<MatchQuery>();
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            if (input.Kind is { } kind && (input.Title is not null || input.Embedding is not null) && !input.Ids.Any(known.ContainsKey))
            {
                var title = input.Title is null ? null : TitleNormalizer.Normalize(input.Title);
                title = string.IsNullOrEmpty(title) ? null : title;
                if (title is not null || input.Embedding is not null)
                {
                    queries.Add(new MatchQuery(index, kind, title, input.Year, input.Embedding));
                }
            }
        }

        var candidates = queries.Count == 0
            ? []
            : await store.FindCandidatesAsync(tenantId, queries, options.Value.CandidatesPerQuery, MinTitleSimilarity(queries), cancellationToken);
        return candidates.ToLookup(c => c.Index);
    }

    /// <summary>
    /// The lowest title similarity that can still reach the threshold (every other factor is at most 1): the
    /// threshold itself, or with an embedding averaged in at best 1, twice the threshold less one.
    /// </summary>
    private double MinTitleSimilarity(List<MatchQuery> queries)
    {
        var threshold = options.Value.MatchThreshold;
        return Math.Max(0.1, queries.Any(q => q.Embedding is not null) ? (2 * threshold) - 1 : threshold);
    }

    /// <summary>The candidates at or above the threshold, best first (ties to the lowest id, so every replica picks the same).</summary>
    private List<Match> Matches(ResolutionInput input, IEnumerable<MatchCandidate> candidates)
    {
        if (input.Kind is not { } kind)
        {
            return [];
        }

        return candidates
            .Select(c => (Candidate: c, Result: MatchScore.Compute(kind, input.Year, c.Kind, c.Year, c.TitleSimilarity, c.EmbeddingSimilarity)))
            .Where(c => c.Result.Score >= options.Value.MatchThreshold)
            .Select(c => new Match(c.Candidate.EntityId, c.Candidate.Title, c.Candidate.Year, c.Result.Score, c.Result.Method))
            .OrderByDescending(m => m.Score).ThenBy(m => m.EntityId)
            .ToList();
    }

    /// <summary>
    /// Without a year nothing tells two stored titles apart ("Notorious", 1946 and 2009): when the best two are
    /// within the margin, linking either would be a guess.
    /// </summary>
    private bool IsAmbiguous(ResolutionInput input, List<Match> matches) =>
        input.Year is null && matches.Count >= 2 && matches[0].Score - matches[1].Score <= options.Value.AmbiguityMargin;

    /// <summary>The matches within the margin of the best, of an ambiguous request.</summary>
    private List<CloseCandidate> CloseCandidates(List<Match> matches) =>
        matches.TakeWhile(m => matches[0].Score - m.Score <= options.Value.AmbiguityMargin)
            .Select(m => new CloseCandidate(m.EntityId, m.Title, m.Year, m.Score)).ToList();

    private sealed record Match(Guid EntityId, string Title, int? Year, double Score, ResolutionMethod Method);

    private sealed record Known(Guid EntityId, double Confidence, bool FromCache);

    private sealed class Plan
    {
        public List<ResolutionOutcome> Outcomes { get; } = [];

        public List<Entity> NewEntities { get; } = [];

        public List<MappingWrite> Mappings { get; } = [];
    }
}
