using FluentValidation;
using MediaGateway.Application.Common.Validation;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync;

internal static class SyncRules
{
    public static readonly string UnknownPlaybackState = $"'state' must be one of {PlaybackStates.Names.List}.";

    public static IRuleBuilderOptions<T, string?> ValidContentId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(ContentId.MaxLength).StorableText();

    public static IRuleBuilderOptions<T, string?> ValidPlaybackState<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(state => PlaybackStates.Names.TryParse(state, out _)).WithMessage(UnknownPlaybackState);
}
