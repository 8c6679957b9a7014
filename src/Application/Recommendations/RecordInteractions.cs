using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.Recommendations;

/// <summary>
/// Records what the caller did with titles (one, or a batch of up to 500) and updates their taste at once, so the
/// next recommendations already reflect it. A retried event is recorded once.
/// </summary>
/// <remarks>Built from the client's request by <see cref="ParseOne"/> or <see cref="ParseBatch"/>, which check every item.</remarks>
public sealed record RecordInteractionsCommand(UserRef User, IReadOnlyList<InteractionInput> Interactions, bool IsBatch)
    : ICommand<InteractionsRecorded>
{
    public const int MaxBatch = 500;
    public const int MaxEventIdLength = 100;

    /// <summary>How far ahead of the server's clock an event's time may be (device clocks drift).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static RecordInteractionsCommand ParseOne(UserRef user, InteractionDto? interaction, DateTimeOffset now)
    {
        var failures = new List<ValidationFailure>();
        if (interaction is null)
        {
            throw new ValidationException([new ValidationFailure("", "'interaction' must not be empty.")]);
        }

        var input = ParseItem(interaction, "", now, failures);
        return failures.Count == 0 ? new RecordInteractionsCommand(user, [input!], IsBatch: false) : throw new ValidationException(failures);
    }

    public static RecordInteractionsCommand ParseBatch(UserRef user, InteractionBatchRequest? request, DateTimeOffset now)
    {
        var items = request?.Interactions ?? [];
        var failures = new List<ValidationFailure>();
        if (items.Count == 0)
        {
            failures.Add(new ValidationFailure("Interactions", "'interactions' must not be empty."));
        }
        else if (items.Count > MaxBatch)
        {
            failures.Add(new ValidationFailure("Interactions", $"At most {MaxBatch} interactions per request."));
        }

        var inputs = new List<InteractionInput>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (items[index] is not { } item)
            {
                failures.Add(new ValidationFailure($"Interactions[{index}]", "An interaction must not be null."));
            }
            else if (ParseItem(item, $"Interactions[{index}].", now, failures) is { } input)
            {
                inputs.Add(input);
            }
        }

        return failures.Count == 0 ? new RecordInteractionsCommand(user, inputs, IsBatch: true) : throw new ValidationException(failures);
    }

    /// <summary>The client's name of an item's field: "entityId" alone, "interactions[3].entityId" in a batch.</summary>
    public string FieldOf(int index, string field) => IsBatch ? $"Interactions[{index}].{field}" : field;

    private static InteractionInput? ParseItem(InteractionDto item, string path, DateTimeOffset now, List<ValidationFailure> failures)
    {
        var failuresBefore = failures.Count;
        void Fail(string field, string message) => failures.Add(new ValidationFailure(path + field, message));

        if (item.EntityId is null || item.EntityId == Guid.Empty)
        {
            Fail("EntityId", "'entityId' must not be empty.");
        }

        InteractionType type = default;
        if (item.Type is null)
        {
            Fail("Type", "'type' must not be empty.");
        }
        else if (!InteractionTypes.Names.TryParse(item.Type, out type))
        {
            Fail("Type", $"'type' must be one of {InteractionTypes.Names.List}.");
        }

        if (type == InteractionType.Rating && item.Type is not null)
        {
            if (item.Value is not (>= InteractionTypes.MinRating and <= InteractionTypes.MaxRating))
            {
                Fail("Value", $"A rating needs 'value' from {InteractionTypes.MinRating} to {InteractionTypes.MaxRating}.");
            }
        }
        else if (item.Value is not null)
        {
            Fail("Value", "'value' is only for a rating.");
        }

        if (item.OccurredAt > now + MaxClockSkew)
        {
            Fail("OccurredAt", "'occurredAt' must not be in the future.");
        }

        if (item.EventId is { } eventId && (string.IsNullOrWhiteSpace(eventId) || eventId.Length > MaxEventIdLength))
        {
            Fail("EventId", $"'eventId' must be 1 to {MaxEventIdLength} characters.");
        }
        else if (!StoredText.IsStorable(item.EventId))
        {
            Fail("EventId", StoredText.Problem("eventId"));
        }

        return failures.Count > failuresBefore
            ? null
            : new InteractionInput(item.EntityId!.Value, type, item.Value, item.OccurredAt ?? now, item.EventId);
    }
}

public sealed record InteractionInput(Guid EntityId, InteractionType Type, int? Rating, DateTimeOffset OccurredAt, string? EventId);

public sealed class RecordInteractionsHandler(IInteractionStore store, ITextEmbedder embedder, IOptions<RecommendationOptions> options)
    : ICommandHandler<RecordInteractionsCommand, InteractionsRecorded>
{
    public async ValueTask<InteractionsRecorded> Handle(RecordInteractionsCommand command, CancellationToken cancellationToken)
    {
        var weights = options.Value.WeightsFor(command.User.TenantId);
        var interactions = command.Interactions
            .Select(i => new NewInteraction(i.EntityId, i.Type, weights.Of(i.Type, i.Rating), i.Rating, i.OccurredAt, i.EventId))
            .ToList();

        var outcome = await store.RecordAsync(command.User, interactions, embedder.ModelId, options.Value.HalfLife, cancellationToken);
        if (outcome.UnknownEntities.Count > 0)
        {
            throw new ValidationException(outcome.UnknownEntities.Select(index =>
                new ValidationFailure(command.FieldOf(index, "EntityId"), "No title with this id is in the catalog; nothing was recorded.")));
        }

        return new InteractionsRecorded(outcome.Recorded, outcome.Duplicates);
    }
}
