using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// A catalog operator's fix for a feed that put two titles' ids on one entity: the named ids move to a new entity
/// (a copy of this one's kind, title, year and embedding, for the operator to correct), the rest stay.
/// </summary>
/// <param name="ExternalIds">Parsed, in request order, by <see cref="Parse"/>, which names each bad one.</param>
public sealed record SplitEntityCommand(UserRef Caller, Guid EntityId, IReadOnlyList<ExternalId> ExternalIds) : ICommand<EntityDto>
{
    /// <summary>The command for the client's ids; throws <see cref="ValidationException"/> naming every bad one ("ExternalIds[2].value").</summary>
    public static SplitEntityCommand Parse(UserRef caller, Guid entityId, IReadOnlyList<ExternalIdDto?>? externalIds)
    {
        var requested = externalIds ?? [];
        var failures = new List<ValidationFailure>();
        if (requested.Count == 0)
        {
            failures.Add(new ValidationFailure("ExternalIds", "'externalIds' must not be empty."));
        }
        else if (requested.Count > EntityMerge.MaxSplitIds)
        {
            failures.Add(new ValidationFailure("ExternalIds", $"At most {EntityMerge.MaxSplitIds} external ids per split."));
        }

        var ids = new List<ExternalId>(requested.Count);
        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i] is not { } id)
            {
                failures.Add(new ValidationFailure($"ExternalIds[{i}]", "An external id must not be null."));
            }
            else if (ExternalIdParser.TryParse(id.Type, id.Value, id.Kind, $"ExternalIds[{i}].", failures) is { } parsed)
            {
                ids.Add(parsed);
            }
        }

        return failures.Count == 0 ? new SplitEntityCommand(caller, entityId, ids) : throw new ValidationException(failures);
    }
}

public sealed class SplitEntityHandler(IEntityChangeStore changes, IEntityStore entities) : ICommandHandler<SplitEntityCommand, EntityDto>
{
    public async ValueTask<EntityDto> Handle(SplitEntityCommand command, CancellationToken cancellationToken)
    {
        var tenant = command.Caller.TenantId;
        var newEntityId = Guid.CreateVersion7();
        var outcome = await changes.SplitAsync(
            tenant, command.EntityId, newEntityId, command.ExternalIds.Distinct().ToList(), command.Caller.UserId, cancellationToken);
        if (!outcome.Found)
        {
            throw new NotFoundException("Entity", command.EntityId.ToString());
        }

        switch (outcome.Decision)
        {
            case SplitDecision.IsRedirect:
                throw new ConflictException(
                    $"Entity '{command.EntityId}' was merged into another entity and has no ids to split.",
                    new Dictionary<string, object?> { ["mergedInto"] = outcome.MergedInto });
            case SplitDecision.WouldEmpty:
                throw new ConflictException(
                    "Every id of the entity would move, leaving an entity nothing names; leave at least one, or merge instead.");
            case SplitDecision.IdsNotOnEntity:
                // Ids that name another entity, or none: the operator's request is wrong, not the stored state.
                var notOnEntity = outcome.NotOnEntity.ToHashSet();
                throw new ValidationException(command.ExternalIds
                    .Select((id, index) => (id, index))
                    .Where(x => notOnEntity.Contains(x.id))
                    .Select(x => new ValidationFailure($"ExternalIds[{x.index}]", "Not an id of this entity.")));
        }

        var created = await entities.GetAsync(tenant, newEntityId, cancellationToken)
            ?? throw new NotFoundException("Entity", newEntityId.ToString());
        return GetEntityHandler.ToDto(created);
    }
}
