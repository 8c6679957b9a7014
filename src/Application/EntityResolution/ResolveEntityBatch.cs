using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// Up to 1,000 resolutions at once, answered in request order. Postgres sees a few set-based statements for the
/// whole batch, not one per item. Invalid input rejects the whole batch; a conflict is reported on its item and
/// the other items proceed.
/// </summary>
/// <remarks>Built from the client's items by <see cref="ResolutionRequestParser.ParseBatch"/>, which checks them.</remarks>
public sealed record ResolveEntityBatchCommand(string TenantId, IReadOnlyList<ResolutionInput> Items) : ICommand<BatchResolutionResult>;

public sealed class ResolveEntityBatchHandler(EntityResolver resolver) : ICommandHandler<ResolveEntityBatchCommand, BatchResolutionResult>
{
    public async ValueTask<BatchResolutionResult> Handle(ResolveEntityBatchCommand command, CancellationToken cancellationToken)
    {
        var outcomes = await resolver.ResolveAsync(command.TenantId, command.Items, cancellationToken);

        var unresolvable = outcomes.Select((o, index) => (o, index)).Where(x => x.o.Status == ResolutionStatus.NeedsTitleAndKind).ToList();
        if (unresolvable.Count > 0)
        {
            throw new ValidationException(unresolvable.Select(x => new ValidationFailure(
                $"items[{x.index}].title", "No external id is known yet: 'title' and 'kind' are needed to create the entity.")));
        }

        return new BatchResolutionResult(outcomes.Select(ToItem).ToList());
    }

    private static BatchItemResult ToItem(ResolutionOutcome outcome)
    {
        var ids = outcome.Ids.Select(ExternalIdDto.From).ToList();
        return outcome.Status == ResolutionStatus.Conflict
            ? new BatchItemResult(outcome.Status, null, null, null, ids, outcome.ConflictingEntityIds,
                "These external ids already point at different entities; they are not merged automatically.")
            : new BatchItemResult(outcome.Status, outcome.EntityId, outcome.Confidence, CatalogNames.Of(outcome.Method), ids, null, null,
                CandidateDto.From(outcome.CloseCandidates));
    }
}
