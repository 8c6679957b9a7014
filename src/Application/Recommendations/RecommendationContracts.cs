namespace MediaGateway.Application.Recommendations;

/// <summary>One interaction as a client sends it. <c>value</c> (1-5) is required for, and only for, a rating.</summary>
/// <param name="OccurredAt">When it happened; now when absent.</param>
/// <param name="EventId">The client's id for the event: a retry with the same id is recorded once.</param>
public sealed record InteractionDto(Guid? EntityId, string? Type, int? Value, DateTimeOffset? OccurredAt, string? EventId);

public sealed record InteractionBatchRequest(IReadOnlyList<InteractionDto?>? Interactions);

/// <param name="Recorded">Interactions stored by this request.</param>
/// <param name="Duplicates">Interactions already stored by an earlier delivery of the same event, not counted again.</param>
public sealed record InteractionsRecorded(int Recorded, int Duplicates);

/// <summary>Every list answer: recommendations, similar titles, trending.</summary>
public sealed record TitleList(IReadOnlyList<TitleListItem> Items);

/// <param name="Score">
/// How well the title fits: cosine similarity to the taste (or to the title asked about), or the decayed trending
/// weight. Comparable only within one list. Lists are in the order to show; a personal list is diversified, so its
/// scores need not fall monotonically.
/// </param>
/// <param name="Reason">Why the title is on a personal list, e.g. "because you watched Alien".</param>
public sealed record TitleListItem(Guid EntityId, string Title, string Kind, int? Year, double Score, string? Reason = null);
