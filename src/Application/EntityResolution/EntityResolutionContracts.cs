using System.Text.Json.Serialization;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>An external id as clients send and receive it: <c>{type: "tmdb", value: "603", kind: "movie"}</c>.</summary>
public sealed record ExternalIdDto(
    string? Type, string? Value, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null)
{
    public static ExternalIdDto From(ExternalId id) => new(CatalogNames.Of(id.Type), id.Number, id.Kind);
}

/// <summary>One thing to resolve: its ids, and what fuzzy matching and creation need when none is known yet.</summary>
public sealed record ResolutionRequestDto(
    IReadOnlyList<ExternalIdDto>? ExternalIds, string? Title = null, int? Year = null, string? Kind = null, float[]? Embedding = null);

/// <summary>
/// Which entity the ids resolved to, how, and the request's ids in canonical form. <see cref="Candidates"/> is
/// present only when the request was ambiguous (no year, two stored entities matching about equally): a new entity
/// was created, and these are the stored ones an operator may merge it into.
/// </summary>
public sealed record ResolutionResultDto(
    Guid EntityId, double Confidence, string Method, IReadOnlyList<ExternalIdDto> ExternalIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CandidateDto>? Candidates = null)
{
    [JsonIgnore]
    public bool Created => Method == CatalogNames.Of(ResolutionMethod.Created);
}

/// <summary>A stored entity that an ambiguous request matched about as well as another, with its score.</summary>
public sealed record CandidateDto(Guid EntityId, string Title, int? Year, double Score)
{
    public static IReadOnlyList<CandidateDto>? From(IReadOnlyList<CloseCandidate>? candidates) =>
        candidates?.Select(c => new CandidateDto(c.EntityId, c.Title, c.Year, c.Score)).ToList();
}

/// <summary>
/// One batch item's answer, in request order: <see cref="ResolutionStatus.Resolved"/> or
/// <see cref="ResolutionStatus.Created"/> with its entity, or <see cref="ResolutionStatus.Conflict"/> when its ids
/// point at two entities (named in <see cref="ConflictingEntityIds"/>; nothing was stored for it). Never
/// <see cref="ResolutionStatus.NeedsTitleAndKind"/>: a batch with such an item is rejected whole.
/// </summary>
public sealed record BatchItemResult(
    ResolutionStatus Status, Guid? EntityId, double? Confidence, string? Method, IReadOnlyList<ExternalIdDto> ExternalIds,
    IReadOnlyList<Guid>? ConflictingEntityIds, string? Detail, IReadOnlyList<CandidateDto>? Candidates = null);

public sealed record BatchResolutionResult(IReadOnlyList<BatchItemResult> Items);

public sealed record ExternalIdDetailsDto(
    string Type, string Value, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind, double Confidence, string Method, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="MergedInto">The entity this one was merged into (it then has no ids of its own); absent for a live entity.</param>
public sealed record EntityDto(
    Guid EntityId, string Kind, string Title, int? Year, bool HasEmbedding, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<ExternalIdDetailsDto> ExternalIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? MergedInto = null);
