using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Watchlist;

/// <summary>Removes the content's tags this request observes; an add not yet seen here survives (add-wins).</summary>
public sealed record RemoveFromWatchlistCommand(UserRef User, string? DeviceId, string ContentId) : ICommand;

public sealed class RemoveFromWatchlistValidator : AbstractValidator<RemoveFromWatchlistCommand>
{
    public RemoveFromWatchlistValidator()
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.ContentId).ValidContentId();
    }
}

public sealed class RemoveFromWatchlistHandler(IWatchlistStore watchlist, UserClocks clocks, ISyncNotifier notifier)
    : ICommandHandler<RemoveFromWatchlistCommand>
{
    public async ValueTask<Unit> Handle(RemoveFromWatchlistCommand command, CancellationToken cancellationToken)
    {
        var removed = await watchlist.RemoveObservedAsync(command.User, command.ContentId, clocks.Now(command.User, command.DeviceId!), cancellationToken);
        if (removed == 0)
        {
            throw new NotFoundException("Watchlist item", command.ContentId);
        }

        await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Watchlist, command.ContentId, command.DeviceId!, null), cancellationToken);
        return Unit.Value;
    }
}
