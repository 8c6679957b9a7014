using MediaGateway.Domain.Common;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

public sealed class HybridLogicalClockTests
{
    private sealed class ManualTime(long ms) : TimeProvider
    {
        public long Ms { get; set; } = ms;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }

    [Fact]
    public void Now_WhenPhysicalTimeDoesNotAdvance_BumpsLogical()
    {
        var time = new ManualTime(1_000);
        var clock = new HybridLogicalClock(time);

        var first = clock.Now("server");
        var second = clock.Now("server");
        time.Ms = 999;   // the wall clock stepped back
        var third = clock.Now("server");
        time.Ms = 2_000;
        var fourth = clock.Now("server");

        Assert.Equal((1_000L, 0), (first.PhysicalMs, first.Logical));
        Assert.Equal((1_000L, 1), (second.PhysicalMs, second.Logical));
        Assert.Equal((1_000L, 2), (third.PhysicalMs, third.Logical));
        Assert.Equal((2_000L, 0), (fourth.PhysicalMs, fourth.Logical));
    }

    [Fact]
    public void Receive_RemoteAhead_AdoptsItsPhysicalAndOrdersAfterIt()
    {
        var clock = new HybridLogicalClock(new ManualTime(1_000));
        var remote = new HybridTimestamp(1_500, 7, "phone");

        var received = clock.Receive(remote);
        var next = clock.Now("server");

        Assert.Equal((1_500L, 8), (received.PhysicalMs, received.Logical));
        Assert.True(next > remote);
        Assert.Equal((1_500L, 9), (next.PhysicalMs, next.Logical));
    }

    [Fact]
    public void Receive_RemoteBehind_KeepsLocalAndBumpsLogical()
    {
        var clock = new HybridLogicalClock(new ManualTime(5_000));
        clock.Now("server");

        var received = clock.Receive(new HybridTimestamp(4_000, 3, "tv"));

        Assert.Equal((5_000L, 1), (received.PhysicalMs, received.Logical));
    }

    [Fact]
    public void Receive_MoreThanMaxDriftAhead_IsRejected()
    {
        var clock = new HybridLogicalClock(new ManualTime(10_000), TimeSpan.FromSeconds(60));

        clock.Receive(new HybridTimestamp(70_000, 0, "ok"));
        var error = Assert.Throws<DomainException>(() => clock.Receive(new HybridTimestamp(70_001, 0, "fast")));

        Assert.Equal("hlc", error.Field);
    }

    [Fact]
    public void Order_IsPhysicalThenLogicalThenNode()
    {
        HybridTimestamp[] sorted =
        [
            new(1, 5, "z"), new(2, 0, "a"), new(2, 1, "a"), new(2, 1, "b"), new(3, 0, ""),
        ];

        Assert.Equal(sorted, sorted.Reverse().Order().ToArray());
    }
}
