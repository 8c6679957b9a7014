using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Application.Recommendations;

/// <summary>Interactions and the taste profiles they build, in Postgres.</summary>
public interface IInteractionStore
{
    /// <summary>
    /// Stores one user's interactions and folds each newly stored one into the user's <see cref="TasteProfile"/>
    /// (decayed by <paramref name="halfLife"/>, from the title's embedding of <paramref name="modelId"/>), in one
    /// transaction that holds the profile's row lock: concurrent requests of one user never lose an update. An
    /// interaction already stored (same event id, or same title, type and instant) is counted as a duplicate and
    /// changes nothing. When any title is not in the user's tenant nothing is stored and their indexes are returned.
    /// </summary>
    Task<RecordOutcome> RecordAsync(
        UserRef user, IReadOnlyList<NewInteraction> interactions, string modelId, TimeSpan halfLife, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> users of the tenant, in id order after <paramref name="afterUserId"/>, whose taste is not of <paramref name="modelId"/>.</summary>
    Task<IReadOnlyList<string>> UsersWithTasteNotOfAsync(
        string tenantId, string modelId, string? afterUserId, int count, CancellationToken cancellationToken);

    /// <summary>Recomputes the user's taste from all their interactions with embeddings of <paramref name="modelId"/> (after a re-embed).</summary>
    Task RebuildTasteAsync(UserRef user, string modelId, TimeSpan halfLife, CancellationToken cancellationToken);

    /// <summary>Deletes the user's interactions and profile in one transaction; returns how many interactions went.</summary>
    Task<int> EraseAsync(UserRef user, CancellationToken cancellationToken);
}

/// <param name="Weight">The tenant's weight for this interaction, stored with it.</param>
public sealed record NewInteraction(Guid EntityId, InteractionType Type, double Weight, int? Rating, DateTimeOffset OccurredAt, string? EventId);

public sealed record RecordOutcome(int Recorded, int Duplicates, IReadOnlyList<int> UnknownEntities);
