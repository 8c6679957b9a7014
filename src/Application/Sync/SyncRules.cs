using FluentValidation;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync;

internal static class SyncRules
{
    public const int MaxContentIdLength = 255;
    public const int MaxTagLength = 255;

    public static readonly string UnknownPlaybackState = $"'state' must be one of {PlaybackStates.Names.List}.";

    public static IRuleBuilderOptions<T, string?> ValidContentId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(MaxContentIdLength);

    public static IRuleBuilderOptions<T, string?> ValidPlaybackState<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(state => PlaybackStates.Names.TryParse(state, out _)).WithMessage(UnknownPlaybackState);
}
