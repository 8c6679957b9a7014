using Mediator;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Sync.Watchlist;

public sealed record GetWatchlistQuery(UserRef User) : IQuery<WatchlistDto>;

public sealed record WatchlistDto(IReadOnlyList<WatchlistEntry> Items);

public sealed class GetWatchlistHandler(IWatchlistStore watchlist) : IQueryHandler<GetWatchlistQuery, WatchlistDto>
{
    public async ValueTask<WatchlistDto> Handle(GetWatchlistQuery query, CancellationToken cancellationToken) =>
        new(await watchlist.ListAsync(query.User, cancellationToken));
}
