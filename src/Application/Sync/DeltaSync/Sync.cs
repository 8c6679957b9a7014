using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Application.Devices;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;
using MediaGateway.Domain.Common;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.Sync.DeltaSync;

/// <summary>
/// An offline device hands in its operations and gets back what the user's other devices changed since its
/// cursor. Applying is idempotent (the same request twice leaves the same state), and a request with any
/// invalid operation is rejected whole before anything is stored.
/// </summary>
public sealed record SyncCommand(UserRef User, string? DeviceId, string? Cursor, IReadOnlyList<SyncOperationDto?>? Operations)
    : ICommand<SyncResponseDto>;

public sealed class SyncValidator : AbstractValidator<SyncCommand>
{
    private static readonly string UnknownType = $"'type' must be one of {SyncOperationTypes.Names.List}.";

    public SyncValidator(IOptions<SyncOptions> options)
    {
        RuleFor(c => c.DeviceId).ValidDeviceId();
        RuleFor(c => c.Cursor).Must(c => c is null || SyncCursor.TryParse(c, out _)).WithMessage("'cursor' is not a cursor this server issued.");
        var limits = options.Value;
        RuleFor(c => c.Operations).NotNull()
            .Must(o => o is null || o.Count <= limits.MaxOperationsPerSync)
            .WithMessage($"At most {limits.MaxOperationsPerSync} operations per request.")
            .Must(o => o is null || TagsNamed(o) <= limits.MaxTagsPerSync)
            .WithMessage($"At most {limits.MaxTagsPerSync} tags per request (one per watchlist.add, and those of each watchlist.remove).");
        RuleForEach(c => c.Operations).Custom((operation, context) => CheckOperation(operation, context, limits.MaxTagsPerOperation));
    }

    // Every tag can leave a row (a remove of a tag not seen yet is remembered), so the request's total is bounded too.
    private static long TagsNamed(IReadOnlyList<SyncOperationDto?> operations)
    {
        long tags = 0;
        foreach (var operation in operations)
        {
            tags += operation?.Tags?.Count ?? (operation?.Tag is null ? 0 : 1);
        }

        return tags;
    }

    // Plain checks rather than a child validator: a sync carries up to a thousand operations, and FluentValidation's
    // per-element contexts cost about 3.4 KB and 3.5 us per operation (SyncPipelineBenchmarks), most of a sync's
    // time in process. Field names and messages are the ones the declarative rules give elsewhere.
    private static void CheckOperation(SyncOperationDto? operation, ValidationContext<SyncCommand> context, int maxTags)
    {
        if (operation is null)
        {
            context.AddFailure(new ValidationFailure(context.PropertyPath, "An operation must not be null."));
            return;
        }

        var known = SyncOperationTypes.Names.TryParse(operation.Type, out var type);
        if (!known)
        {
            Fail(context, "type", UnknownType);
        }

        CheckText(context, "contentId", operation.ContentId, ContentId.MaxLength);
        if (operation.Hlc is null)
        {
            Fail(context, "hlc", "'hlc' must not be empty.");
        }
        else
        {
            CheckAtLeast(context, "hlc.physicalMs", operation.Hlc.PhysicalMs, 0);
            CheckAtLeast(context, "hlc.logical", operation.Hlc.Logical, 0);
        }

        if (!known)
        {
            return;
        }

        switch (type)
        {
            case SyncOperationType.WatchlistAdd:
                CheckText(context, "tag", operation.Tag, WatchlistTag.MaxLength);
                break;
            case SyncOperationType.WatchlistRemove:
                if (operation.Tags is null || operation.Tags.Count == 0)
                {
                    Fail(context, "tags", "'tags' must not be empty.");
                    break;
                }

                if (operation.Tags.Count > maxTags)
                {
                    // A remove names the tags its device saw for one title; more can be split over several removes.
                    Fail(context, "tags", $"At most {maxTags} tags per operation. You named {operation.Tags.Count}.");
                    break;
                }

                for (var i = 0; i < operation.Tags.Count; i++)
                {
                    CheckText(context, $"tags[{i}]", operation.Tags[i], WatchlistTag.MaxLength);
                }

                break;
            case SyncOperationType.ProgressSet:
                if (operation.DurationSeconds is not { } duration)
                {
                    Fail(context, "durationSeconds", "'durationSeconds' must not be empty.");
                }
                else if (duration <= 0)
                {
                    Fail(context, "durationSeconds", "'durationSeconds' must be greater than '0'.");
                }

                if (operation.PositionSeconds is not { } position)
                {
                    Fail(context, "positionSeconds", "'positionSeconds' must not be empty.");
                }
                else if (position < 0)
                {
                    Fail(context, "positionSeconds", "'positionSeconds' must be greater than or equal to '0'.");
                }
                else if (position > (operation.DurationSeconds ?? int.MaxValue))
                {
                    Fail(context, "positionSeconds", "'positionSeconds' must not be beyond 'durationSeconds'.");
                }

                if (!PlaybackStates.Names.TryParse(operation.State, out _))
                {
                    Fail(context, "state", SyncRules.UnknownPlaybackState);
                }

                break;
        }
    }

    private static void CheckText(ValidationContext<SyncCommand> context, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(context, field, $"'{field}' must not be empty.");
        }
        else if (value.Length > maxLength)
        {
            Fail(context, field, $"The length of '{field}' must be {maxLength} characters or fewer. You entered {value.Length} characters.");
        }
        else if (!StoredText.IsStorable(value))
        {
            Fail(context, field, StoredText.Problem(field));
        }
    }

    private static void CheckAtLeast(ValidationContext<SyncCommand> context, string field, long value, long minimum)
    {
        if (value < minimum)
        {
            Fail(context, field, $"'{field}' must be greater than or equal to '{minimum}'.");
        }
    }

    private static void Fail(ValidationContext<SyncCommand> context, string field, string message) =>
        context.AddFailure(new ValidationFailure($"{context.PropertyPath}.{field}", message));
}

public sealed class SyncHandler(ISyncStore store, UserClocks clocks, ISyncNotifier notifier, IOptions<SyncOptions> options)
    : ICommandHandler<SyncCommand, SyncResponseDto>
{
    public async ValueTask<SyncResponseDto> Handle(SyncCommand command, CancellationToken cancellationToken)
    {
        var deviceId = command.DeviceId!;
        var operations = Parse(command.Operations!, deviceId);
        if (operations.Count > 0)
        {
            clocks.Receive(command.User, operations.Max(o => o.Stamp));   // later server stamps order after this device's
        }

        var batch = ToBatch(operations, options.Value.ResumeRules) with { MaxWatchlistItems = options.Value.MaxWatchlistItems };
        SyncCursor.TryParse(command.Cursor, out var cursor);
        var delta = await store.SyncAsync(command.User, deviceId, cursor, batch, cancellationToken);
        if (delta.WatchlistFull)
        {
            throw WatchlistLimit.Full(options.Value.MaxWatchlistItems);
        }

        if (!batch.IsEmpty)
        {
            await notifier.PublishAsync(command.User, new SyncNotice(SyncNoticeKind.Sync, "", deviceId, delta.Cursor), cancellationToken);
        }

        var serverNow = clocks.Now(command.User, "server");
        return new SyncResponseDto(
            SyncCursor.Format(delta.Cursor),
            new HlcDto(serverNow.PhysicalMs, serverNow.Logical),
            ToChanges(delta),
            delta.FullResync);
    }

    // Every operation is checked (shape by the validator, clock drift here) before anything is stored.
    private List<SyncOperation> Parse(IReadOnlyList<SyncOperationDto?> dtos, string deviceId)
    {
        var operations = new List<SyncOperation>(dtos.Count);
        var failures = new List<ValidationFailure>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var dto = dtos[i]!;   // the validator rejected null operations
            var stamp = new HybridTimestamp(dto.Hlc!.PhysicalMs, dto.Hlc.Logical, deviceId);
            try
            {
                clocks.EnsureWithinDrift(stamp);
            }
            catch (DomainException outOfBounds)
            {
                // "Hlc" (drift) or "Hlc.Logical" (counter above HybridTimestamp.MaxLogical), named as the validator names fields.
                var field = string.Join('.', outOfBounds.Field.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
                failures.Add(new ValidationFailure($"Operations[{i}].{field}", outOfBounds.Message));
                continue;
            }

            operations.Add(SyncOperationTypes.Names.Parse(dto.Type!) switch
            {
                SyncOperationType.WatchlistAdd => new WatchlistAddOperation(dto.ContentId!, dto.Tag!, stamp),
                SyncOperationType.WatchlistRemove => new WatchlistRemoveOperation(dto.ContentId!, dto.Tags!, stamp),
                SyncOperationType.ProgressSet => new ProgressSetOperation(dto.ContentId!,
                    new PlaybackPosition(dto.PositionSeconds!.Value, dto.DurationSeconds!.Value, PlaybackStates.Names.Parse(dto.State!)), stamp),
                SyncOperationType.ProgressDelete => new ProgressDeleteOperation(dto.ContentId!, stamp),
                var unknown => throw new ArgumentOutOfRangeException(nameof(dtos), unknown, null),
            });
        }

        return failures.Count > 0 ? throw new ValidationException(failures) : operations;
    }

    // Progress operations on one title merge into one register pair first: one row write per title.
    private static SyncBatch ToBatch(List<SyncOperation> operations, ResumeRules rules)
    {
        var progress = new Dictionary<string, ContentProgress>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            var incoming = operation switch
            {
                ProgressSetOperation set => ContentProgress.FromSet(set.Position, set.Stamp, rules),
                ProgressDeleteOperation delete => ContentProgress.FromDelete(delete.Stamp),
                _ => null,
            };
            if (incoming is not null)
            {
                progress[operation.ContentId] = progress.TryGetValue(operation.ContentId, out var seen) ? seen.Merge(incoming) : incoming;
            }
        }

        return new SyncBatch(
            operations.OfType<WatchlistAddOperation>().ToList(),
            operations.OfType<WatchlistRemoveOperation>().ToList(),
            progress);
    }

    private static List<SyncChangeDto> ToChanges(SyncDelta delta)
    {
        var changes = new List<(HybridTimestamp Stamp, SyncChangeDto Change)>();
        foreach (var tag in delta.Watchlist.Where(t => t.Removed is null))
        {
            var added = tag.Added!.Value;
            changes.Add((added, new SyncChangeDto(Name(SyncOperationType.WatchlistAdd), tag.ContentId, Hlc(added), added.NodeId, Tag: tag.Tag)));
        }

        // Tags removed by one remove (same content and stamp) travel as one operation, as they were sent.
        foreach (var remove in delta.Watchlist.Where(t => t.Removed is not null).GroupBy(t => (t.ContentId, t.Removed!.Value)))
        {
            var stamp = remove.Key.Value;
            changes.Add((stamp, new SyncChangeDto(Name(SyncOperationType.WatchlistRemove), remove.Key.ContentId, Hlc(stamp), stamp.NodeId,
                Tags: remove.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList())));
        }

        foreach (var stored in delta.Progress)
        {
            var register = stored.Progress.Position;
            var completion = stored.Progress.Completion;
            changes.Add((register.Stamp, register.Value is { } position
                ? new SyncChangeDto(Name(SyncOperationType.ProgressSet), stored.ContentId, Hlc(register.Stamp), register.Stamp.NodeId,
                    PositionSeconds: position.PositionSeconds, DurationSeconds: position.DurationSeconds,
                    State: PlaybackStates.Names.Of(position.State), Completed: stored.Progress.IsCompleted,
                    CompletedHlc: completion is null ? null : Hlc(completion.Stamp), CompletedDeviceId: completion?.Stamp.NodeId)
                : new SyncChangeDto(Name(SyncOperationType.ProgressDelete), stored.ContentId, Hlc(register.Stamp), register.Stamp.NodeId)));
        }

        return changes.OrderBy(c => c.Stamp).Select(c => c.Change).ToList();
    }

    private static HlcDto Hlc(HybridTimestamp stamp) => new(stamp.PhysicalMs, stamp.Logical);

    private static string Name(SyncOperationType type) => SyncOperationTypes.Names.Of(type);
}

/// <summary>Cursors are the user's change numbers, opaque to clients ("c" + number).</summary>
public static class SyncCursor
{
    public static string Format(long seq) => "c" + seq.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? cursor, out long? seq)
    {
        seq = null;
        if (cursor is null)
        {
            return true;
        }

        if (cursor.Length > 1 && cursor[0] == 'c'
            && long.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            seq = value;
            return true;
        }

        return false;
    }
}
