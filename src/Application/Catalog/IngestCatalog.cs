using System.Text;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.Catalog;

/// <summary>
/// Up to 1,000 titles into the tenant's catalog, stored together or not at all. A title without an embedding gets
/// one from the configured model (title, genres and description); a client's embedding is taken as the model's.
/// </summary>
/// <remarks>Built from the client's request by <see cref="Parse"/>, which checks every item.</remarks>
public sealed record IngestCatalogCommand(string TenantId, IReadOnlyList<CatalogItem> Items) : ICommand<CatalogIngestResult>
{
    /// <summary>The request's items; throws <see cref="ValidationException"/> naming everything wrong with any of them.</summary>
    public static IngestCatalogCommand Parse(string tenantId, CatalogIngestRequest? request)
    {
        var entities = request?.Entities ?? [];
        var failures = new List<ValidationFailure>();
        if (entities.Count == 0)
        {
            failures.Add(new ValidationFailure("Entities", "'entities' must not be empty."));
        }
        else if (entities.Count > CatalogLimits.MaxEntitiesPerRequest)
        {
            failures.Add(new ValidationFailure("Entities", $"At most {CatalogLimits.MaxEntitiesPerRequest} entities per request."));
        }

        var items = new List<CatalogItem>(entities.Count);
        var firstIndexOfId = new Dictionary<Guid, int>();
        for (var index = 0; index < entities.Count; index++)
        {
            var path = $"Entities[{index}]";
            if (entities[index] is not { } entity)
            {
                failures.Add(new ValidationFailure(path, "An entity must not be null."));
                continue;
            }

            if (entity.Id is { } id && !firstIndexOfId.TryAdd(id, index))
            {
                failures.Add(new ValidationFailure($"{path}.Id", $"'id' repeats entities[{firstIndexOfId[id]}].id: send each title once."));
            }

            if (ParseItem(entity, path + ".", failures) is { } item)
            {
                items.Add(item);
            }
        }

        return failures.Count == 0 ? new IngestCatalogCommand(tenantId, items) : throw new ValidationException(failures);
    }

    private static CatalogItem? ParseItem(CatalogEntityDto entity, string path, List<ValidationFailure> failures)
    {
        var failuresBefore = failures.Count;
        void Fail(string field, string message) => failures.Add(new ValidationFailure(path + field, message));

        EntityKind kind = default;
        if (entity.Kind is null)
        {
            Fail("Kind", "'kind' must not be empty.");
        }
        else if (!CatalogNames.Kinds.TryParse(entity.Kind, out kind))
        {
            Fail("Kind", $"'kind' must be one of {CatalogNames.Kinds.List}.");
        }

        var title = entity.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            Fail("Title", "'title' must not be empty.");
        }
        else if (title.Length > TitleNormalizer.MaxTitleLength)
        {
            Fail("Title", $"The length of 'title' must be {TitleNormalizer.MaxTitleLength} characters or fewer. You entered {title.Length} characters.");
        }
        else if (!StoredText.IsStorable(title))
        {
            Fail("Title", StoredText.Problem("title"));
        }

        if (entity.Year is < Entity.MinYear or > Entity.MaxYear)
        {
            Fail("Year", $"'year' must be between {Entity.MinYear} and {Entity.MaxYear}. You entered {entity.Year}.");
        }

        var genres = ParseGenres(entity.Genres, path, failures);

        var description = entity.Description?.Trim();
        if (description?.Length > CatalogLimits.MaxDescriptionLength)
        {
            Fail("Description", $"The length of 'description' must be {CatalogLimits.MaxDescriptionLength} characters or fewer. You entered {description.Length} characters.");
        }
        else if (!StoredText.IsStorable(description))
        {
            Fail("Description", StoredText.Problem("description"));
        }

        string? metadata = null;
        if (entity.Metadata is { } json && json.ValueKind != JsonValueKind.Null)
        {
            metadata = json.GetRawText();
            if (json.ValueKind != JsonValueKind.Object)
            {
                Fail("Metadata", "'metadata' must be a JSON object.");
            }
            else if (Encoding.UTF8.GetByteCount(metadata) > CatalogLimits.MaxMetadataBytes)
            {
                Fail("Metadata", $"'metadata' must be {CatalogLimits.MaxMetadataBytes} bytes of JSON or fewer.");
            }
            else if (!StoredText.IsStorable(json))
            {
                Fail("Metadata", StoredText.Problem("metadata"));
            }
        }

        if (EmbeddingProblem(entity.Embedding) is { } problem)
        {
            Fail("Embedding", problem);
        }

        return failures.Count > failuresBefore
            ? null
            : new CatalogItem(entity.Id, kind, title!, entity.Year, genres, string.IsNullOrEmpty(description) ? null : description, metadata, entity.Embedding);
    }

    /// <summary>Genres trimmed and lower-cased (the genre filter matches them exactly), each once, in the order sent.</summary>
    private static IReadOnlyList<string> ParseGenres(IReadOnlyList<string?>? genres, string path, List<ValidationFailure> failures)
    {
        if (genres is null)
        {
            return [];
        }

        if (genres.Count > CatalogLimits.MaxGenres)
        {
            failures.Add(new ValidationFailure(path + "Genres", $"At most {CatalogLimits.MaxGenres} genres per entity."));
        }

        var parsed = new List<string>(genres.Count);
        for (var i = 0; i < genres.Count; i++)
        {
            var genre = genres[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(genre) || genre.Length > CatalogLimits.MaxGenreLength)
            {
                failures.Add(new ValidationFailure($"{path}Genres[{i}]", $"A genre must be 1 to {CatalogLimits.MaxGenreLength} characters."));
            }
            else if (!StoredText.IsStorable(genre))
            {
                failures.Add(new ValidationFailure($"{path}Genres[{i}]", StoredText.Problem("genres")));
            }
            else if (!parsed.Contains(genre))
            {
                parsed.Add(genre);
            }
        }

        return parsed;
    }

    /// <summary>The first thing wrong with an embedding: a wrong size is reported alone.</summary>
    private static string? EmbeddingProblem(float[]? embedding) => embedding switch
    {
        null => null,
        { Length: not CatalogVectors.Dimensions } => $"'embedding' must have exactly {CatalogVectors.Dimensions} numbers (zero-pad a smaller model's vector); it has {embedding.Length}.",
        _ when !embedding.All(float.IsFinite) => "'embedding' must hold finite numbers (no NaN or infinity).",
        _ when embedding.All(x => x == 0) => "'embedding' must not be all zeros (it has no direction).",
        _ => null,
    };
}

/// <summary>One checked title of an ingest; <see cref="Id"/> null means "a new title".</summary>
public sealed record CatalogItem(
    Guid? Id, EntityKind Kind, string Title, int? Year, IReadOnlyList<string> Genres, string? Description, string? MetadataJson, float[]? Embedding);

public sealed class IngestCatalogHandler(ICatalogStore store, ITextEmbedder embedder) : ICommandHandler<IngestCatalogCommand, CatalogIngestResult>
{
    public async ValueTask<CatalogIngestResult> Handle(IngestCatalogCommand command, CancellationToken cancellationToken)
    {
        var items = command.Items;
        var missing = items.Select((item, index) => (item, index)).Where(x => x.item.Embedding is null).ToList();
        var computed = missing.Count == 0
            ? []
            : await embedder.EmbedAsync(missing.Select(x => CatalogEntry.TextOf(x.item.Title, x.item.Genres, x.item.Description)).ToList(), cancellationToken);
        // A client's vector is stored at unit length, like the model's: cosine is unchanged, and pgvector's float
        // arithmetic cannot overflow on a vector of huge (or vanish on one of tiny) but finite numbers.
        var embeddings = items.Select(item => item.Embedding is { } e ? UnitLength(e) : null).ToArray();
        for (var i = 0; i < missing.Count; i++)
        {
            embeddings[missing[i].index] = computed[i];
        }

        var entries = items.Select((item, index) => new CatalogEntry(
            new Entity(item.Id ?? Guid.CreateVersion7(), item.Kind, item.Title, item.Year, embeddings[index]),
            item.Genres, item.Description, item.MetadataJson, embedder.ModelId)).ToList();

        var foreign = await store.UpsertAsync(command.TenantId, entries, cancellationToken);
        if (foreign.Count > 0)
        {
            throw new ConflictException(
                "Some ids already name titles outside this catalog; nothing was stored. Send those titles without an id or with new ids.",
                new Dictionary<string, object?> { ["entities"] = foreign.Select(index => $"entities[{index}].id").ToList() });
        }

        return new CatalogIngestResult(entries.Select(e => e.Entity.Id).ToList());
    }

    private static float[] UnitLength(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        return vector.Select(x => (float)(x / norm)).ToArray();
    }
}
