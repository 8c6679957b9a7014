using FluentValidation;
using FluentValidation.Results;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.Recommendations;

/// <summary>The query parameters every list shares: <c>limit</c> (1-100, default 20), <c>kind</c> and <c>genre</c>.</summary>
public sealed record TitleListParameters(int Limit, TitleFilter Filter)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Throws <see cref="ValidationException"/> naming each bad parameter.</summary>
    public static TitleListParameters Parse(int? limit, string? kind, string? genre)
    {
        var failures = new List<ValidationFailure>();
        if (limit is < 1 or > MaxLimit)
        {
            failures.Add(new ValidationFailure("Limit", $"'limit' must be between 1 and {MaxLimit}. You entered {limit}."));
        }

        EntityKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (CatalogNames.Kinds.TryParse(kind, out var value))
            {
                parsedKind = value;
            }
            else
            {
                failures.Add(new ValidationFailure("Kind", $"'kind' must be one of {CatalogNames.Kinds.List}."));
            }
        }

        var parsedGenre = string.IsNullOrWhiteSpace(genre) ? null : genre.Trim().ToLowerInvariant();
        if (parsedGenre?.Length > Catalog.CatalogLimits.MaxGenreLength)
        {
            failures.Add(new ValidationFailure("Genre", $"'genre' must be {Catalog.CatalogLimits.MaxGenreLength} characters or fewer."));
        }
        else if (!StoredText.IsStorable(parsedGenre))
        {
            failures.Add(new ValidationFailure("Genre", StoredText.Problem("genre")));
        }

        return failures.Count == 0
            ? new TitleListParameters(limit ?? DefaultLimit, new TitleFilter(parsedKind, parsedGenre))
            : throw new ValidationException(failures);
    }
}
