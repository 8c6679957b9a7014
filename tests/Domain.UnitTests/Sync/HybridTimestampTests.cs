using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

public sealed class HybridTimestampTests
{
    private static readonly HybridTimestamp Earlier = new(5, 2, "tv");
    private static readonly HybridTimestamp Later = new(5, 2, "tw");

    [Fact]
    public void Operators_AreStrictOrLooseAsNamed()
    {
        var copy = Earlier with { };

        Assert.Equal((true, true, false, false), (Earlier < Later, Earlier <= Later, Earlier > Later, Earlier >= Later));
        Assert.Equal((false, false, true, true), (Later < Earlier, Later <= Earlier, Later > Earlier, Later >= Earlier));
        Assert.Equal((false, true, false, true), (Earlier < copy, Earlier <= copy, Earlier > copy, Earlier >= copy));
    }

    [Fact]
    public void Max_IsTheLaterStamp_InEitherOrder()
    {
        Assert.Equal(Later, HybridTimestamp.Max(Earlier, Later));
        Assert.Equal(Later, HybridTimestamp.Max(Later, Earlier));
    }

    [Fact]
    public void AMissingNode_SortsAsTheEmptyNode()
    {
        Assert.Equal(0, default(HybridTimestamp).CompareTo(HybridTimestamp.Zero));
        Assert.Equal(0, HybridTimestamp.Zero.CompareTo(default));
    }

    [Fact]
    public void ToString_ShowsPhysicalLogicalAndNode() => Assert.Equal("5.2@tv", Earlier.ToString());

    [Fact]
    public void LwwRegister_IsOlderThan_IsStrict()
    {
        var register = new LwwRegister<int>(1, Earlier);

        Assert.Equal((true, false, false), (register.IsOlderThan(Later), register.IsOlderThan(Earlier), register.IsOlderThan(new HybridTimestamp(1, 0, "a"))));
    }
}
