using FluentValidation;

namespace MediaGateway.Application.Sync;

internal static class SyncRules
{
    public const int MaxContentIdLength = 255;
    public const int MaxTagLength = 255;

    public static IRuleBuilderOptions<T, string?> ValidContentId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(MaxContentIdLength);
}
