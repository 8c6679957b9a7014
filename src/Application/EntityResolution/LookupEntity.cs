using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.EntityResolution;

/// <summary>Which entity one external id names. Reads only; never creates.</summary>
/// <remarks>The id comes from the client's fields through <see cref="ExternalIdParser.Parse"/>, which checks them.</remarks>
public sealed record LookupEntityQuery(string TenantId, ExternalId Id) : IQuery<ResolutionResultDto>;

public sealed class LookupEntityHandler(IEntityStore store) : IQueryHandler<LookupEntityQuery, ResolutionResultDto>
{
    public async ValueTask<ResolutionResultDto> Handle(LookupEntityQuery query, CancellationToken cancellationToken)
    {
        var stored = await store.FindMappingsAsync(query.TenantId, [query.Id], cancellationToken);
        if (!stored.TryGetValue(query.Id, out var mapping))
        {
            throw new NotFoundException($"Entity with {CatalogNames.Of(query.Id.Type)} id", query.Id.Value);
        }

        return Result(query.Id, mapping.EntityId, mapping.Confidence, mapping.FromCache ? ResolutionMethod.Cache : ResolutionMethod.Exact);
    }

    private static ResolutionResultDto Result(ExternalId id, Guid entityId, double confidence, ResolutionMethod method) =>
        new(entityId, confidence, CatalogNames.Of(method), [ExternalIdDto.From(id)]);
}
