using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Sync.Progress;

public sealed record GetProgressQuery(UserRef User, string ContentId) : IQuery<ProgressItemDto>;

public sealed class GetProgressValidator : AbstractValidator<GetProgressQuery>
{
    public GetProgressValidator() => RuleFor(q => q.ContentId).ValidContentId();
}

public sealed class GetProgressHandler(IProgressStore progress) : IQueryHandler<GetProgressQuery, ProgressItemDto>
{
    public async ValueTask<ProgressItemDto> Handle(GetProgressQuery query, CancellationToken cancellationToken)
    {
        var stored = await progress.FindAsync(query.User, query.ContentId, cancellationToken);
        return (stored is null ? null : ProgressItemDto.From(stored))
            ?? throw new NotFoundException("Progress", query.ContentId);
    }
}
