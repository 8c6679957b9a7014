using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// A catalog operator's fix for a feed that made two entities of one title: every id of the entity moves to
/// <see cref="Into"/> in one transaction, and the entity stays behind as a redirect to it. Repeating the request
/// changes nothing and answers the same.
/// </summary>
public sealed record MergeEntitiesCommand(UserRef Caller, Guid EntityId, Guid? Into) : ICommand<EntityDto>;

public sealed class MergeEntitiesValidator : AbstractValidator<MergeEntitiesCommand>
{
    public MergeEntitiesValidator() => RuleFor(c => c.Into).NotEmpty();
}

public sealed class MergeEntitiesHandler(IEntityChangeStore changes, IEntityStore entities) : ICommandHandler<MergeEntitiesCommand, EntityDto>
{
    public async ValueTask<EntityDto> Handle(MergeEntitiesCommand command, CancellationToken cancellationToken)
    {
        var (tenant, into) = (command.Caller.TenantId, command.Into!.Value);
        var outcome = await changes.MergeAsync(tenant, command.EntityId, into, command.Caller.UserId, cancellationToken);
        if (outcome.Missing is { } missing)
        {
            throw new NotFoundException("Entity", missing.ToString());
        }

        switch (outcome.Decision)
        {
            case MergeDecision.IntoItself:
                throw new ConflictException("An entity cannot be merged into itself.");
            case MergeDecision.SourceMergedElsewhere:
                throw new ConflictException(
                    $"Entity '{command.EntityId}' was already merged into another entity; merge that one instead.",
                    new Dictionary<string, object?> { ["mergedInto"] = outcome.SourceMergedInto });
            case MergeDecision.IntoRedirect:
                throw new ConflictException(
                    $"Entity '{into}' was merged into another entity; merge into that one instead.",
                    new Dictionary<string, object?> { ["mergedInto"] = outcome.TargetMergedInto });
        }

        var survivor = await entities.GetAsync(tenant, into, cancellationToken)
            ?? throw new NotFoundException("Entity", into.ToString());
        return GetEntityHandler.ToDto(survivor);
    }
}
