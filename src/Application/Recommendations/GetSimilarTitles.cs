using Mediator;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.Recommendations;

/// <summary>The titles nearest one title in the tenant's catalog (cosine distance of their embeddings), nearest first.</summary>
public sealed record GetSimilarTitlesQuery(string TenantId, Guid EntityId, TitleListParameters List) : IQuery<TitleList>;

public sealed class GetSimilarTitlesHandler(IRecommendationStore store, ITextEmbedder embedder) : IQueryHandler<GetSimilarTitlesQuery, TitleList>
{
    public async ValueTask<TitleList> Handle(GetSimilarTitlesQuery query, CancellationToken cancellationToken)
    {
        var title = await store.GetTitleAsync(query.TenantId, embedder.ModelId, query.EntityId, cancellationToken)
            ?? throw new NotFoundException("Entity", query.EntityId.ToString());
        if (title.Embedding is null)
        {
            // Not embedded yet (or by another model until a re-embed): nothing to compare it with.
            return new TitleList([]);
        }

        var nearest = await store.FindNearestAsync(
            query.TenantId, embedder.ModelId, title.Embedding, query.List.Filter, [query.EntityId], query.List.Limit, cancellationToken);
        return new TitleList(nearest.Select(n => new TitleListItem(n.EntityId, n.Title, CatalogNames.Of(n.Kind), n.Year, 1 - n.Distance)).ToList());
    }
}
