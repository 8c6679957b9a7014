using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;

namespace MediaGateway.Application.EntityResolution;

/// <summary>GET /entities/lookup?type=&amp;value=&amp;kind=: which entity one external id names. Reads only; never creates.</summary>
public sealed record LookupEntityQuery(string TenantId, string? Type, string? Value, string? Kind) : IQuery<ResolutionResultDto>;

public sealed class LookupEntityValidator : AbstractValidator<LookupEntityQuery>
{
    public LookupEntityValidator()
    {
        RuleFor(q => q).Custom((query, context) =>
        {
            try
            {
                ExternalId.Parse(query.Type, query.Value, query.Kind);
            }
            catch (DomainException e)
            {
                context.AddFailure(e.Field, e.Message);
            }
        });
    }
}

public sealed class LookupEntityHandler(IEntityStore store) : IQueryHandler<LookupEntityQuery, ResolutionResultDto>
{
    public async ValueTask<ResolutionResultDto> Handle(LookupEntityQuery query, CancellationToken cancellationToken)
    {
        var id = ExternalId.Parse(query.Type, query.Value, query.Kind);
        var stored = await store.FindMappingsAsync(query.TenantId, [id], cancellationToken);
        if (!stored.TryGetValue(id, out var mapping))
        {
            throw new NotFoundException($"Entity with {CatalogNames.Of(id.Type)} id", id.Value);
        }

        return Result(id, mapping.EntityId, mapping.Confidence, mapping.FromCache ? ResolutionMethod.Cache : ResolutionMethod.Exact);
    }

    private static ResolutionResultDto Result(ExternalId id, Guid entityId, double confidence, ResolutionMethod method) =>
        new(entityId, confidence, CatalogNames.Of(method), [ExternalIdDto.From(id)]);
}
