using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>
/// An entity and every external id that names it (aliases included). An entity merged into another comes back
/// with <see cref="EntityDto.MergedInto"/> naming the survivor, which the endpoint answers as a redirect.
/// </summary>
public sealed record GetEntityQuery(string TenantId, Guid EntityId) : IQuery<EntityDto>;

public sealed class GetEntityHandler(IEntityStore store) : IQueryHandler<GetEntityQuery, EntityDto>
{
    public async ValueTask<EntityDto> Handle(GetEntityQuery query, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(query.TenantId, query.EntityId, cancellationToken)
            ?? throw new NotFoundException("Entity", query.EntityId.ToString());
        return ToDto(stored);
    }

    internal static EntityDto ToDto(StoredEntity stored)
    {
        var entity = stored.Entity;
        return new EntityDto(
            entity.Id, CatalogNames.Of(entity.Kind), entity.Title, entity.Year, entity.Embedding is not null,
            stored.CreatedAt, stored.UpdatedAt,
            stored.Mappings.Select(m => new ExternalIdDetailsDto(
                CatalogNames.Of(m.ExternalId.Type), m.ExternalId.Number, m.ExternalId.Kind, m.Confidence,
                CatalogNames.Of(m.Method), m.CreatedAt, m.UpdatedAt)).ToList(),
            stored.MergedInto);
    }
}
