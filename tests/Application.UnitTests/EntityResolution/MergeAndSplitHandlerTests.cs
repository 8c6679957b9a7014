using FluentValidation;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class MergeAndSplitHandlerTests
{
    private static readonly UserRef Ops = new("tenant-a", "ops");
    private static readonly Guid Source = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Target = new("00000000-0000-0000-0000-00000000000b");
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IEntityChangeStore _changes = Substitute.For<IEntityChangeStore>();
    private readonly IEntityStore _entities = Substitute.For<IEntityStore>();

    [Fact]
    public async Task Merge_Repeated_AnswersTheSurvivorAsTheFirstTimeDid()
    {
        _changes.MergeAsync("tenant-a", Source, Target, "ops", Arg.Any<CancellationToken>())
            .Returns(new MergeOutcome(MergeDecision.AlreadyMerged, null, Target, null, []));
        _entities.GetAsync("tenant-a", Target, Arg.Any<CancellationToken>())
            .Returns(new StoredEntity(new Entity(Target, EntityKind.Movie, "Survivor", 2000, null), T0, T0, []));

        var survivor = await Handler().Handle(new MergeEntitiesCommand(Ops, Source, Target), Ct);

        Assert.Equal((Target, "Survivor"), (survivor.EntityId, survivor.Title));
    }

    [Theory]
    [InlineData(MergeDecision.IntoItself)]
    [InlineData(MergeDecision.IntoRedirect)]
    [InlineData(MergeDecision.SourceMergedElsewhere)]
    public async Task Merge_RefusedByTheRules_IsAConflict(MergeDecision decision)
    {
        _changes.MergeAsync("tenant-a", Source, Target, "ops", Arg.Any<CancellationToken>())
            .Returns(new MergeOutcome(decision, null, null, null, []));

        await Assert.ThrowsAsync<ConflictException>(async () => await Handler().Handle(new MergeEntitiesCommand(Ops, Source, Target), Ct));
    }

    [Fact]
    public async Task Merge_MissingEntity_IsNotFoundNamingIt()
    {
        _changes.MergeAsync("tenant-a", Source, Target, "ops", Arg.Any<CancellationToken>())
            .Returns(new MergeOutcome(MergeDecision.Merge, Target, null, null, []));

        var error = await Assert.ThrowsAsync<NotFoundException>(async () => await Handler().Handle(new MergeEntitiesCommand(Ops, Source, Target), Ct));

        Assert.Equal(Target.ToString(), error.Key);
    }

    [Fact]
    public async Task Split_IdsNotOnTheEntity_AreNamedByTheirPlaceInTheRequest()
    {
        var (kept, foreign) = (ExternalId.Parse("imdb", "tt0000001"), ExternalId.Parse("imdb", "tt0000009"));
        _changes.SplitAsync("tenant-a", Source, Arg.Any<Guid>(), Arg.Any<IReadOnlyCollection<ExternalId>>(), "ops", Arg.Any<CancellationToken>())
            .Returns(new SplitOutcome(true, SplitDecision.IdsNotOnEntity, null, [foreign], []));
        var handler = new SplitEntityHandler(_changes, _entities);

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await handler.Handle(new SplitEntityCommand(Ops, Source, [kept, foreign, foreign]), Ct));

        Assert.Equal(["ExternalIds[1]", "ExternalIds[2]"], error.Errors.Select(e => e.PropertyName));
    }

    private MergeEntitiesHandler Handler() => new(_changes, _entities);
}
