using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Application.Common.Exceptions;

namespace MediaGateway.Application.EntityResolution;

/// <summary>An ingest feed's ids for one title, resolved to the one entity they name (created when new).</summary>
/// <remarks>Built from the client's request by <see cref="ResolutionRequestParser.Parse"/>, which checks it.</remarks>
public sealed record ResolveEntityCommand(string TenantId, ResolutionInput Input) : ICommand<ResolutionResultDto>;

public sealed class ResolveEntityHandler(EntityResolver resolver) : ICommandHandler<ResolveEntityCommand, ResolutionResultDto>
{
    public async ValueTask<ResolutionResultDto> Handle(ResolveEntityCommand command, CancellationToken cancellationToken)
    {
        var outcome = (await resolver.ResolveAsync(command.TenantId, [command.Input], cancellationToken))[0];
        return outcome.Status switch
        {
            ResolutionStatus.Resolved or ResolutionStatus.Created => new ResolutionResultDto(
                outcome.EntityId, outcome.Confidence, CatalogNames.Of(outcome.Method), outcome.Ids.Select(ExternalIdDto.From).ToList(),
                CandidateDto.From(outcome.CloseCandidates)),
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
