using Microsoft.AspNetCore.Mvc;

namespace MediaGateway.Api.OpenApi;

// The 409 bodies that say more than "conflict", as the OpenAPI document describes them. The server writes them as
// ProblemDetails with extension members (ConflictException.Details); these types only give those members a schema,
// so that a generated client reads them as typed properties. Member names match the keys the use cases set.

/// <summary>The external ids point at different entities, named in <see cref="EntityIds"/>; nothing was merged.</summary>
public sealed class EntityIdsConflictProblem : ProblemDetails
{
    /// <summary>The entities the request's ids already name. Absent when concurrent requests won three times in a row (retry).</summary>
    public IReadOnlyList<Guid>? EntityIds { get; init; }
}

/// <summary>A newer delete from another device won over this progress write; the title has no progress now.</summary>
public sealed class ProgressDeletedProblem : ProblemDetails
{
    public string? ContentId { get; init; }
}

/// <summary>The add would take the watchlist beyond its limit of <see cref="MaxItems"/> titles; nothing was stored.</summary>
public sealed class WatchlistFullProblem : ProblemDetails
{
    public int? MaxItems { get; init; }
}

/// <summary>Some ids already name titles outside this catalog; <see cref="Entities"/> names them (<c>entities[3].id</c>).</summary>
public sealed class CatalogIdsTakenProblem : ProblemDetails
{
    public IReadOnlyList<string>? Entities { get; init; }
}

/// <summary>An entity of the request was merged into <see cref="MergedInto"/> (absent when the conflict is of another kind: a merge into itself, a split of every id).</summary>
public sealed class EntityMergedProblem : ProblemDetails
{
    public Guid? MergedInto { get; init; }
}
