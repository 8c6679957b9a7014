using FluentValidation;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;

namespace MediaGateway.Application.EntityResolution;

/// <summary>Checks one resolution request; each bad external id is reported under its own index and field.</summary>
public sealed class ResolutionRequestValidator : AbstractValidator<ResolutionRequestDto>
{
    public static readonly string[] Kinds = ["movie", "series", "season", "episode"];

    public ResolutionRequestValidator()
    {
        RuleFor(r => r.ExternalIds).NotEmpty()
            .Must(ids => ids is null || ids.Count <= EntityResolutionOptions.MaxIdsPerItem)
            .WithMessage($"At most {EntityResolutionOptions.MaxIdsPerItem} external ids per item.");
        RuleForEach(r => r.ExternalIds).Custom((id, context) =>
        {
            if (id is null)
            {
                context.AddFailure("An external id must not be null.");
                return;
            }

            try
            {
                ExternalId.Parse(id.Type, id.Value, id.Kind);
            }
            catch (DomainException e)
            {
                context.AddFailure(e.Field, e.Message);
            }
        });
        RuleFor(r => r.Title).MaximumLength(TitleNormalizer.MaxTitleLength)
            .Must(t => t is null || !string.IsNullOrWhiteSpace(t)).WithMessage("'title' must not be blank.");
        RuleFor(r => r.Year).InclusiveBetween(Entity.MinYear, Entity.MaxYear);
        RuleFor(r => r.Kind).Must(k => k is null || Kinds.Contains(k, StringComparer.OrdinalIgnoreCase))
            .WithMessage("'kind' must be one of movie, series, season, episode.");
        RuleFor(r => r.Embedding).Cascade(CascadeMode.Stop)
            .Must(e => e is null || e.Length == Entity.EmbeddingDimensions)
            .WithMessage($"'embedding' must have exactly {Entity.EmbeddingDimensions} numbers.")
            .Must(e => e is null || e.All(float.IsFinite)).WithMessage("'embedding' must hold finite numbers.")
            .Must(e => e is null || e.Any(x => x != 0)).WithMessage("'embedding' must not be all zeros (it has no direction).");
    }

    /// <summary>The parsed form of a request that passed this validator.</summary>
    public static ResolutionInput ToInput(ResolutionRequestDto request) => new(
        request.ExternalIds!.Select(id => ExternalId.Parse(id.Type, id.Value, id.Kind)).Distinct().ToList(),
        request.Kind is null ? null : Enum.Parse<EntityKind>(request.Kind, ignoreCase: true),
        request.Title?.Trim(),
        request.Year,
        request.Embedding);
}
