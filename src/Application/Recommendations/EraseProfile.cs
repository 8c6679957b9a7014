using Mediator;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Recommendations;

/// <summary>The right to erasure: forgets the caller's interactions and taste profile, in one transaction.</summary>
public sealed record EraseProfileCommand(UserRef User) : ICommand;

public sealed class EraseProfileHandler(IInteractionStore store) : ICommandHandler<EraseProfileCommand>
{
    public async ValueTask<Unit> Handle(EraseProfileCommand command, CancellationToken cancellationToken)
    {
        await store.EraseAsync(command.User, cancellationToken);
        return Unit.Value;
    }
}
