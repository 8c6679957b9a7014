using FluentValidation;
using Mediator;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application.Sync.Progress;

/// <summary>
/// The user's progress: <c>all</c>, <c>in-progress</c> (Continue Watching: resumable and not completed) or
/// <c>completed</c>, most recently updated first.
/// </summary>
public sealed record ListProgressQuery(UserRef User, string? Status) : IQuery<ProgressListDto>;

public sealed class ListProgressValidator : AbstractValidator<ListProgressQuery>
{
    /// <summary>The values <c>status</c> accepts (also stated in the OpenAPI document).</summary>
    public static readonly IReadOnlyList<string> Statuses = ["all", "in-progress", "completed"];

    public ListProgressValidator() =>
        RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s))
            .WithMessage($"'status' must be one of {string.Join(", ", Statuses)}.");
}

public sealed class ListProgressHandler(IProgressStore progress, IOptions<SyncOptions> options)
    : IQueryHandler<ListProgressQuery, ProgressListDto>
{
    public async ValueTask<ProgressListDto> Handle(ListProgressQuery query, CancellationToken cancellationToken)
    {
        var rules = options.Value.ResumeRules;
        var stored = await progress.ListAsync(query.User, cancellationToken);
        var selected = query.Status switch
        {
            "in-progress" => stored.Where(s => s.Progress.IsInProgress(rules)),
            "completed" => stored.Where(s => s.Progress.IsCompleted),
            _ => stored,
        };
        return new ProgressListDto(selected.Select(ProgressItemDto.From).OfType<ProgressItemDto>().ToList());
    }
}
