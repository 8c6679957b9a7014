using FluentValidation;
using Mediator;
using MediaGateway.Application.Common.Behaviors;
using Xunit;

namespace MediaGateway.Application.UnitTests.Common;

public sealed class ValidationBehaviorTests
{
    public sealed record Probe(string Name, int Count) : ICommand<string>;

    private sealed class NameValidator : AbstractValidator<Probe>
    {
        public NameValidator() => RuleFor(p => p.Name).NotEmpty();
    }

    private sealed class CountValidator : AbstractValidator<Probe>
    {
        public CountValidator() => RuleFor(p => p.Count).GreaterThan(0);
    }

    private static readonly ValidationBehavior<Probe, string> Behavior = new([new NameValidator(), new CountValidator()]);

    [Fact]
    public async Task Handle_InvalidMessage_ThrowsWithEveryValidatorsFailures_AndSkipsHandler()
    {
        var handlerCalled = false;

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await Behavior.Handle(
            new Probe("", 0),
            (_, _) => { handlerCalled = true; return ValueTask.FromResult("ran"); },
            TestContext.Current.CancellationToken));

        Assert.False(handlerCalled);
        Assert.Equal(["Count", "Name"], error.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public async Task Handle_ValidMessage_CallsHandler()
    {
        var result = await Behavior.Handle(
            new Probe("ok", 1), (_, _) => ValueTask.FromResult("ran"), TestContext.Current.CancellationToken);

        Assert.Equal("ran", result);
    }
}
