using MediaGateway.Domain.EntityResolution;
using Xunit;

namespace MediaGateway.Domain.UnitTests.EntityResolution;

public sealed class EntityMergeTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly ExternalId First = ExternalId.Parse(ExternalIdType.Imdb, "tt0000001");
    private static readonly ExternalId Second = ExternalId.Parse(ExternalIdType.Imdb, "tt0000002");
    private static readonly ExternalId Elsewhere = ExternalId.Parse(ExternalIdType.Imdb, "tt0000003");

    [Theory]
    [InlineData("A", null, "B", null, MergeDecision.Merge)]
    [InlineData("A", "B", "B", null, MergeDecision.AlreadyMerged)]
    [InlineData("A", null, "A", null, MergeDecision.IntoItself)]
    [InlineData("A", "C", "B", null, MergeDecision.SourceMergedElsewhere)]
    [InlineData("A", null, "B", "C", MergeDecision.IntoRedirect)]
    [InlineData("A", "C", "B", "C", MergeDecision.SourceMergedElsewhere)]
    public void Decide_FollowsTheRules(string source, string? sourceInto, string target, string? targetInto, MergeDecision expected) =>
        Assert.Equal(expected, EntityMerge.Decide(Of(source), OfOrNull(sourceInto), Of(target), OfOrNull(targetInto)));

    [Fact]
    public void DecideSplit_SomeOfTheIds_Splits()
    {
        var decision = EntityMerge.DecideSplit(null, new HashSet<ExternalId> { First, Second }, [Second], out var notOnEntity);

        Assert.Equal(SplitDecision.Split, decision);
        Assert.Empty(notOnEntity);
    }

    [Fact]
    public void DecideSplit_NamesTheIdsNotOnTheEntity()
    {
        var decision = EntityMerge.DecideSplit(null, new HashSet<ExternalId> { First, Second }, [First, Elsewhere], out var notOnEntity);

        Assert.Equal(SplitDecision.IdsNotOnEntity, decision);
        Assert.Equal([Elsewhere], notOnEntity);
    }

    [Fact]
    public void DecideSplit_EveryId_WouldLeaveTheEntityEmpty()
    {
        var decision = EntityMerge.DecideSplit(null, new HashSet<ExternalId> { First, Second }, [Second, First], out _);

        Assert.Equal(SplitDecision.WouldEmpty, decision);
    }

    [Fact]
    public void DecideSplit_ARedirect_HasNothingToSplit()
    {
        var decision = EntityMerge.DecideSplit(B, new HashSet<ExternalId>(), [First], out var notOnEntity);

        Assert.Equal(SplitDecision.IsRedirect, decision);
        Assert.Empty(notOnEntity);
    }

    private static Guid Of(string name) => name switch { "A" => A, "B" => B, _ => C };

    private static Guid? OfOrNull(string? name) => name is null ? null : Of(name);
}
