using FluentValidation;
using Mediator;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Watchlist;

public sealed record AddToWatchlistCommand(UserRef User, string? DeviceId, string? ContentId) : ICommand<AddToWatchlistResult>;

public sealed record AddToWatchlistResult(WatchlistEntry Entry, bool AlreadyListed);

public sealed class AddToWatchlistValidator : AbstractValidator<AddToWatchlistCommand>
{
    public AddToWatchlistValidator()
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.ContentId).ValidContentId();
    }
}

public sealed class AddToWatchlistHandler(IWatchlistStore watchlist, UserClocks clocks, ISyncNotifier notifier)
    : ICommandHandler<AddToWatchlistCommand, AddToWatchlistResult>
{
    public async ValueTask<AddToWatchlistResult> Handle(AddToWatchlistCommand command, CancellationToken cancellationToken)
    {
        // Every add is a new OR-Set tag, even for content already listed: a concurrent remove elsewhere
        // cannot have observed it, so the add wins.
        var stamp = clocks.Now(command.User, command.DeviceId!);
        var tag = Guid.NewGuid().ToString("N");
        var alreadyListed = await watchlist.AddAsync(command.User, command.ContentId!, tag, stamp, cancellationToken);
        await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Watchlist, command.ContentId!, command.DeviceId!, null), cancellationToken);

        var addedAt = DateTimeOffset.FromUnixTimeMilliseconds(stamp.PhysicalMs);
        return new AddToWatchlistResult(new WatchlistEntry(command.ContentId!, addedAt, command.DeviceId!), alreadyListed);
    }
}
