using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Application.Recommendations;

/// <summary>The tenant's most active titles of the last hour, day or week (decayed interaction weight), as last computed.</summary>
public sealed record GetTrendingQuery(string TenantId, TrendingWindow Window, TitleListParameters List) : IQuery<TitleList>
{
    public const TrendingWindow DefaultWindow = TrendingWindow.Day;

    public static TrendingWindow ParseWindow(string? window) =>
        string.IsNullOrEmpty(window) ? DefaultWindow
        : TrendingWindows.Names.TryParse(window, out var parsed) ? parsed
        : throw new ValidationException([new ValidationFailure("Window", $"'window' must be one of {TrendingWindows.Names.List}.")]);
}

public sealed class GetTrendingHandler(IRecommendationStore store) : IQueryHandler<GetTrendingQuery, TitleList>
{
    public async ValueTask<TitleList> Handle(GetTrendingQuery query, CancellationToken cancellationToken)
    {
        var trending = await store.GetTrendingAsync(query.TenantId, query.Window, query.List.Filter, query.List.Limit, cancellationToken);
        return new TitleList(trending.Select(t => new TitleListItem(t.EntityId, t.Title, CatalogNames.Of(t.Kind), t.Year, t.Score)).ToList());
    }
}
