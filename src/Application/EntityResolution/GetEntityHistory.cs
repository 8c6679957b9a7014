using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>The merges and splits an entity took part in, on either side, newest first: who, when and which ids moved.</summary>
public sealed record GetEntityHistoryQuery(string TenantId, Guid EntityId) : IQuery<EntityHistoryDto>;

public sealed record EntityHistoryDto(Guid EntityId, IReadOnlyList<EntityChangeDto> Changes);

/// <param name="Kind"><c>merge</c> (<paramref name="EntityId"/> merged into <paramref name="OtherEntityId"/>) or <c>split</c> (<paramref name="OtherEntityId"/> created from <paramref name="EntityId"/>).</param>
public sealed record EntityChangeDto(
    long ChangeId, string Kind, Guid EntityId, Guid OtherEntityId, IReadOnlyList<ExternalIdDto> ExternalIds, string Actor, DateTimeOffset OccurredAt);

public sealed class GetEntityHistoryHandler(IEntityChangeStore changes) : IQueryHandler<GetEntityHistoryQuery, EntityHistoryDto>
{
    /// <summary>Changes listed at most (an entity sees a handful; this bounds the answer, not a page size).</summary>
    public const int MaxChanges = 500;

    public async ValueTask<EntityHistoryDto> Handle(GetEntityHistoryQuery query, CancellationToken cancellationToken)
    {
        var listed = await changes.ListChangesAsync(query.TenantId, query.EntityId, MaxChanges, cancellationToken)
            ?? throw new NotFoundException("Entity", query.EntityId.ToString());
        return new EntityHistoryDto(query.EntityId, listed.Select(c => new EntityChangeDto(
            c.Id, c.Kind == EntityChangeKind.Merge ? "merge" : "split", c.EntityId, c.OtherEntityId,
            c.ExternalIds.Select(ExternalIdDto.From).ToList(), c.Actor, c.OccurredAt)).ToList());
    }
}
