using FluentValidation;
using Mediator;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;

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

public sealed class AddToWatchlistHandler(IWatchlistStore watchlist, UserClocks clocks, ISyncNotifier notifier, IOptions<SyncOptions> options)
    : ICommandHandler<AddToWatchlistCommand, AddToWatchlistResult>
{
    public async ValueTask<AddToWatchlistResult> Handle(AddToWatchlistCommand command, CancellationToken cancellationToken)
    {
        // Every add is a new OR-Set tag, even for content already listed: a concurrent remove elsewhere
        // cannot have observed it, so the add wins. The tags stored now (which this request observes) are
        // replaced by it, so re-adding a title leaves one live tag, not one per add.
        var stamp = clocks.Now(command.User, command.DeviceId!);
        var tag = Guid.NewGuid().ToString("N");
        var maxItems = options.Value.MaxWatchlistItems;
        var outcome = await watchlist.AddAsync(command.User, command.ContentId!, tag, stamp, maxItems, cancellationToken);
        if (outcome == WatchlistAddOutcome.ListFull)
        {
            throw WatchlistLimit.Full(maxItems);
        }

        await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Watchlist, command.ContentId!, command.DeviceId!, null), cancellationToken);

        var addedAt = DateTimeOffset.FromUnixTimeMilliseconds(stamp.PhysicalMs);
        return new AddToWatchlistResult(new WatchlistEntry(command.ContentId!, addedAt, command.DeviceId!), outcome == WatchlistAddOutcome.AlreadyListed);
    }
}
