using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.Sync.Progress;

/// <summary>A device reports where playback stands. The numbers are nullable so that a missing one is a 400, not a 0.</summary>
public sealed record SetProgressCommand(
    UserRef User, string? DeviceId, string ContentId, int? PositionSeconds, int? DurationSeconds, string? State)
    : ICommand<SetProgressResult>;

/// <summary>What is stored now, and whether this write won (a stale write changes nothing).</summary>
public sealed record SetProgressResult(ProgressItemDto Item, bool Applied);

public sealed class SetProgressValidator : AbstractValidator<SetProgressCommand>
{
    public SetProgressValidator()
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.ContentId).ValidContentId();
        RuleFor(c => c.DurationSeconds).NotNull().GreaterThan(0);
        RuleFor(c => c.PositionSeconds).NotNull().GreaterThanOrEqualTo(0)
            .LessThanOrEqualTo(c => c.DurationSeconds ?? int.MaxValue).WithMessage("'positionSeconds' must not be beyond 'durationSeconds'.");
        RuleFor(c => c.State).ValidPlaybackState();
    }
}

public sealed class SetProgressHandler(
    IProgressStore progress, UserClocks clocks, ISyncNotifier notifier, IOptions<SyncOptions> options)
    : ICommandHandler<SetProgressCommand, SetProgressResult>
{
    public async ValueTask<SetProgressResult> Handle(SetProgressCommand command, CancellationToken cancellationToken)
    {
        var stamp = clocks.Now(command.User, command.DeviceId!);
        var position = new PlaybackPosition(command.PositionSeconds!.Value, command.DurationSeconds!.Value, PlaybackStates.Names.Parse(command.State!));
        var incoming = ContentProgress.FromSet(position, stamp, options.Value.ResumeRules);

        var result = await progress.WriteAsync(command.User, command.ContentId, incoming, cancellationToken);
        if (result.Applied)
        {
            await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Progress, command.ContentId, command.DeviceId!, null), cancellationToken);
        }

        // A newer delete from another device (its clock may run ahead, within the drift allowed) wins over this write.
        var item = ProgressItemDto.From(result.Stored)
            ?? throw new ConflictException("A newer change from another device deleted this title's progress.",
                new Dictionary<string, object?> { ["contentId"] = command.ContentId });
        return new SetProgressResult(item, result.Applied);
    }
}
