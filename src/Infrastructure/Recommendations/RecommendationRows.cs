using Pgvector;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>A row of <c>interactions</c>: one thing a user did with a title. Written by raw SQL; EF models it for migrations.</summary>
public sealed class InteractionRow
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public Guid EntityId { get; set; }

    public required string Type { get; set; }

    /// <summary>The tenant's weight for the type when recorded, so a later change of weights does not rewrite history.</summary>
    public double Weight { get; set; }

    public short? Rating { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The client's id for the event: a retry with the same id is recorded once.</summary>
    public string? EventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A row of <c>user_profiles</c>: a user's taste vector (<c>TasteProfile</c>) and how much lies behind it.</summary>
public sealed class UserProfileRow
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    /// <summary>
    /// The taste as of the last time it drifted far from this copy: the one in the HNSW index ("users like you").
    /// Not rewritten on every interaction, so most updates of the row touch no index (HOT updates).
    /// </summary>
    public Vector? PreferenceVector { get; set; }

    /// <summary>
    /// The taste has drifted from <see cref="PreferenceVector"/>: the preference index job copies it over in the
    /// background, so that recording an interaction never pays for an HNSW insertion.
    /// </summary>
    public bool PreferenceStale { get; set; }

    /// <summary>The exact current taste (<c>TasteProfile.Mean</c>), updated on every interaction; recommendations read it.</summary>
    public Vector? TasteMean { get; set; }

    public string? EmbeddingModel { get; set; }

    public double WeightTotal { get; set; }

    public DateTimeOffset AsOf { get; set; }

    public int InteractionCount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A row of <c>trending_entities</c>: a title's decayed weight in one window, as the trending job last computed it.</summary>
public sealed class TrendingEntityRow
{
    public required string TenantId { get; set; }

    public required string TimeWindow { get; set; }

    public Guid EntityId { get; set; }

    public double Score { get; set; }

    public int InteractionCount { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
