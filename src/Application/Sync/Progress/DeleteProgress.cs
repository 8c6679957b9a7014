using FluentValidation;
using Mediator;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Progress;

/// <summary>
/// Forgets a title's progress and completion ("mark unwatched"). Stored as a timestamped tombstone, so an
/// older position from an offline device cannot bring it back. Idempotent.
/// </summary>
public sealed record DeleteProgressCommand(UserRef User, string? DeviceId, string ContentId) : ICommand;

public sealed class DeleteProgressValidator : AbstractValidator<DeleteProgressCommand>
{
    public DeleteProgressValidator()
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.ContentId).ValidContentId();
    }
}

public sealed class DeleteProgressHandler(IProgressStore progress, UserClocks clocks, ISyncNotifier notifier)
    : ICommandHandler<DeleteProgressCommand>
{
    public async ValueTask<Unit> Handle(DeleteProgressCommand command, CancellationToken cancellationToken)
    {
        var tombstone = ContentProgress.FromDelete(clocks.Now(command.User, command.DeviceId!));
        var result = await progress.WriteAsync(command.User, command.ContentId, tombstone, cancellationToken);
        if (result.Applied)
        {
            await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Progress, command.ContentId, command.DeviceId!, null), cancellationToken);
        }

        return Unit.Value;
    }
}
