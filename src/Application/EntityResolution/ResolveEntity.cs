using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Application.Common.Exceptions;

namespace MediaGateway.Application.EntityResolution;

/// <summary>POST /entities/resolve: an ingest feed's ids for one title, to the one entity they name (created when new).</summary>
public sealed record ResolveEntityCommand(string TenantId, ResolutionRequestDto Request) : ICommand<ResolutionResultDto>;

public sealed class ResolveEntityValidator : AbstractValidator<ResolveEntityCommand>
{
    public ResolveEntityValidator()
    {
        RuleFor(c => c.Request).NotNull().SetValidator(new ResolutionRequestValidator()).OverridePropertyName("");
    }
}

public sealed class ResolveEntityHandler(EntityResolver resolver) : ICommandHandler<ResolveEntityCommand, ResolutionResultDto>
{
    public async ValueTask<ResolutionResultDto> Handle(ResolveEntityCommand command, CancellationToken cancellationToken)
    {
        var input = ResolutionRequestValidator.ToInput(command.Request);
        var outcome = (await resolver.ResolveAsync(command.TenantId, [input], cancellationToken))[0];
        return outcome.Status switch
        {
            ResolutionStatus.Resolved or ResolutionStatus.Created => new ResolutionResultDto(
                outcome.EntityId, outcome.Confidence, CatalogNames.Of(outcome.Method), outcome.Ids.Select(ExternalIdDto.From).ToList()),
            ResolutionStatus.Conflict => throw new ConflictException(
                "These external ids already point at different entities; they are not merged automatically.",
                new Dictionary<string, object?> { ["entityIds"] = outcome.ConflictingEntityIds }),
            _ => throw new ValidationException(
            [
                new ValidationFailure("title", "No external id is known yet: 'title' and 'kind' are needed to create the entity."),
            ]),
        };
    }
}
