using FluentValidation;
using FluentValidation.Results;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// Checks resolution requests as clients send them and turns them into <see cref="ResolutionInput"/>s in the same
/// pass, so each external id is parsed once and the handlers get parsed values. Everything wrong with a request
/// (with every item of a batch) is reported together in one <see cref="ValidationException"/>, in request order,
/// each failure named by the client's field path: "ExternalIds[0].value", "Items[3].Kind".
/// </summary>
/// <remarks>
/// Plain checks rather than a FluentValidation validator, which could only say what is wrong and would leave the
/// parsing to be done again. The messages are the ones FluentValidation's rules give elsewhere (with fields named as
/// clients send them, as AddApplication configures it).
/// </remarks>
public static class ResolutionRequestParser
{
    private static readonly Dictionary<string, EntityKind> KindsByName =
        Enum.GetValues<EntityKind>().ToDictionary(CatalogNames.Of, StringComparer.OrdinalIgnoreCase);

    private static readonly string KindNames = string.Join(", ", Enum.GetValues<EntityKind>().Select(CatalogNames.Of));

    /// <summary>One request; throws <see cref="ValidationException"/> listing everything wrong with it.</summary>
    public static ResolutionInput Parse(ResolutionRequestDto? request)
    {
        if (request is null)
        {
            throw new ValidationException([new ValidationFailure("", "'request' must not be empty.")]);
        }

        var failures = new List<ValidationFailure>();
        return ParseRequest(request, "", failures) ?? throw new ValidationException(failures);
    }

    /// <summary>A batch, in request order; throws <see cref="ValidationException"/> listing everything wrong with any item.</summary>
    public static IReadOnlyList<ResolutionInput> ParseBatch(IReadOnlyList<ResolutionRequestDto?>? items)
    {
        var requests = items ?? [];
        var failures = new List<ValidationFailure>();
        if (requests.Count == 0)
        {
            failures.Add(new ValidationFailure("Items", "'items' must not be empty."));
        }
        else if (requests.Count > EntityResolutionOptions.MaxBatchItems)
        {
            failures.Add(new ValidationFailure("Items", $"At most {EntityResolutionOptions.MaxBatchItems} items per batch."));
        }

        // Every item is checked even when there are too many, so one answer names everything to fix.
        var inputs = new List<ResolutionInput>(requests.Count);
        for (var index = 0; index < requests.Count; index++)
        {
            if (requests[index] is not { } item)
            {
                failures.Add(new ValidationFailure($"Items[{index}]", "'items' must not be empty."));
            }
            else if (ParseRequest(item, $"Items[{index}].", failures) is { } input)
            {
                inputs.Add(input);
            }
        }

        return failures.Count == 0 ? inputs : throw new ValidationException(failures);
    }

    /// <summary>The request's input, or null after adding its failures, each named <paramref name="path"/> + field.</summary>
    private static ResolutionInput? ParseRequest(ResolutionRequestDto request, string path, List<ValidationFailure> failures)
    {
        var failuresBefore = failures.Count;
        void Fail(string field, string message) => failures.Add(new ValidationFailure(path + field, message));

        var externalIds = request.ExternalIds ?? [];
        if (externalIds.Count == 0)
        {
            Fail("ExternalIds", "'externalIds' must not be empty.");
        }
        else if (externalIds.Count > EntityResolutionOptions.MaxIdsPerItem)
        {
            Fail("ExternalIds", $"At most {EntityResolutionOptions.MaxIdsPerItem} external ids per item.");
        }

        var ids = new List<ExternalId>(externalIds.Count);
        for (var i = 0; i < externalIds.Count; i++)
        {
            if (externalIds[i] is not { } id)
            {
                Fail($"ExternalIds[{i}]", "An external id must not be null.");
            }
            else if (ExternalIdParser.TryParse(id.Type, id.Value, id.Kind, $"{path}ExternalIds[{i}].", failures) is { } parsed)
            {
                ids.Add(parsed);
            }
        }

        if (request.Title is { } title)
        {
            if (title.Length > TitleNormalizer.MaxTitleLength)
            {
                Fail("Title", $"The length of 'title' must be {TitleNormalizer.MaxTitleLength} characters or fewer. You entered {title.Length} characters.");
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                Fail("Title", "'title' must not be blank.");
            }
            else if (!StoredText.IsStorable(title))
            {
                Fail("Title", StoredText.Problem("title"));
            }
        }

        if (request.Year is < Entity.MinYear or > Entity.MaxYear)
        {
            Fail("Year", $"'year' must be between {Entity.MinYear} and {Entity.MaxYear}. You entered {request.Year}.");
        }

        EntityKind? kind = null;
        if (request.Kind is not null)
        {
            if (KindsByName.TryGetValue(request.Kind, out var parsedKind))
            {
                kind = parsedKind;
            }
            else
            {
                Fail("Kind", $"'kind' must be one of {KindNames}.");
            }
        }

        if (EmbeddingProblem(request.Embedding) is { } problem)
        {
            Fail("Embedding", problem);
        }

        return failures.Count > failuresBefore
            ? null
            : new ResolutionInput(ids.Distinct().ToList(), kind, request.Title?.Trim(), request.Year, request.Embedding);
    }

    /// <summary>The first thing wrong with an embedding: a wrong size is reported alone.</summary>
    private static string? EmbeddingProblem(float[]? embedding) => embedding switch
    {
        null => null,
        { Length: not Entity.EmbeddingDimensions } => $"'embedding' must have exactly {Entity.EmbeddingDimensions} numbers.",
        _ when !embedding.All(float.IsFinite) => "'embedding' must hold finite numbers.",
        _ when embedding.All(x => x == 0) => "'embedding' must not be all zeros (it has no direction).",
        _ => null,
    };
}
