using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MediaGateway.Domain.Common;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

/// <summary>
/// The clock's rules (Kulkarni et al. 2014) over random histories: local events and received device stamps, a wall
/// clock that steps forward, stands still or steps back, and remote stamps behind, equal to or ahead of it.
/// </summary>
public sealed class HybridLogicalClockProperties
{
    private sealed class ManualTime(long ms) : TimeProvider
    {
        public long Ms { get; set; } = ms;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }

    [Property(MaxTest = 300)]
    public Property EveryReading_FollowsTheRules_AndOrdersAfterAllItHasSeen() =>
        Prop.ForAll(History().ToArbitrary(), history =>
        {
            var (seed, length) = history;
            var random = new Random(seed);
            var time = new ManualTime(1_000_000);
            var clock = new HybridLogicalClock(time);
            var last = (Physical: 0L, Logical: 0);
            for (var i = 0; i < length; i++)
            {
                time.Ms += random.Next(-3, 4);   // small steps, so equal milliseconds are common
                var wall = time.Ms;
                if (random.Next(2) == 0)
                {
                    var now = clock.Now("server");
                    var physical = Math.Max(last.Physical, wall);
                    var expected = (physical, physical == last.Physical ? last.Logical + 1 : 0);
                    if ((now.PhysicalMs, now.Logical) != expected)
                    {
                        return false.Label($"step {i}: Now gave {now}, expected {expected}");
                    }
                }
                else
                {
                    var remote = new HybridTimestamp(wall + random.Next(-4, 5), random.Next(0, 4), "device");
                    var received = clock.Receive(remote);
                    var expected = Expected(last, remote, wall);
                    if ((received.PhysicalMs, received.Logical) != expected)
                    {
                        return false.Label($"step {i}: Receive({remote}) at {last} with wall {wall} gave {received}, expected {expected}");
                    }

                    if (!After((received.PhysicalMs, received.Logical), (remote.PhysicalMs, remote.Logical)) || received.NodeId != remote.NodeId)
                    {
                        return false.Label($"step {i}: {received} does not order after {remote}");
                    }
                }

                var reading = clock.Now("check");
                if (!After((reading.PhysicalMs, reading.Logical), last))
                {
                    return false.Label($"step {i}: the clock went back from {last} to {reading}");
                }

                last = (reading.PhysicalMs, reading.Logical);
            }

            return true.ToProperty();
        });

    // The receive rule: the new physical time is the largest of the clock's, the remote's and the wall's; the
    // logical counter goes one past the largest counter seen at that physical time, or to 0 if only the wall has it.
    private static (long, int) Expected((long Physical, int Logical) local, HybridTimestamp remote, long wall)
    {
        var physical = Math.Max(Math.Max(local.Physical, remote.PhysicalMs), wall);
        var logical = (physical == local.Physical, physical == remote.PhysicalMs) switch
        {
            (true, true) => Math.Max(local.Logical, remote.Logical) + 1,
            (true, false) => local.Logical + 1,
            (false, true) => remote.Logical + 1,
            _ => 0,
        };
        return (physical, logical);
    }

    private static bool After((long Physical, int Logical) a, (long Physical, int Logical) b) =>
        a.Physical > b.Physical || (a.Physical == b.Physical && a.Logical > b.Logical);

    private static Gen<(int Seed, int Length)> History() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from length in Gen.Choose(1, 60)
        select (seed, length);

    [Theory]
    // local (physical, logical), remote (physical, logical), wall -> expected (physical, logical)
    [InlineData(1_000, 5, 1_000, 3, 900, 1_000, 6)]     // all at one millisecond: one past the larger counter (local)
    [InlineData(1_000, 2, 1_000, 7, 900, 1_000, 8)]     // all at one millisecond: one past the larger counter (remote)
    [InlineData(1_000, 2, 1_000, 2, 1_000, 1_000, 3)]   // wall, local and remote equal
    [InlineData(1_000, 4, 800, 9, 900, 1_000, 5)]       // local ahead of both: its counter moves on
    [InlineData(1_000, 4, 1_200, 9, 900, 1_200, 10)]    // remote ahead of both: one past its counter
    [InlineData(1_000, 4, 1_100, 9, 1_500, 1_500, 0)]   // the wall ahead of both: a fresh millisecond
    [InlineData(1_000, 4, 1_500, 2, 1_500, 1_500, 3)]   // remote equal to the wall, local behind
    [InlineData(1_000, 0, 0, 0, 1_000, 1_000, 1)]       // a remote stamp at time zero is valid
    public void Receive_FollowsTheRule(long localPhysical, int localLogical, long remotePhysical, int remoteLogical, long wall,
        long expectedPhysical, int expectedLogical)
    {
        var time = new ManualTime(localPhysical);
        var clock = new HybridLogicalClock(time);
        for (var i = 0; i <= localLogical; i++)
        {
            clock.Now("server");   // (localPhysical, 0) ... (localPhysical, localLogical)
        }

        time.Ms = wall;
        var received = clock.Receive(new HybridTimestamp(remotePhysical, remoteLogical, "phone"));

        Assert.Equal((expectedPhysical, expectedLogical, "phone"), (received.PhysicalMs, received.Logical, received.NodeId));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Receive_NegativeStamp_IsRejected_AndTheClockUnchanged(long physical, int logical)
    {
        var clock = new HybridLogicalClock(new ManualTime(1_000));
        var before = clock.Now("server");

        var error = Assert.Throws<DomainException>(() => clock.Receive(new HybridTimestamp(physical, logical, "bad")));
        var after = clock.Now("server");

        Assert.Equal("hlc", error.Field);
        Assert.Equal((before.PhysicalMs, before.Logical + 1), (after.PhysicalMs, after.Logical));
    }

    [Fact]
    public void Receive_ExactlyMaxDriftAhead_IsAccepted_OneMillisecondMoreIsNot()
    {
        var clock = new HybridLogicalClock(new ManualTime(10_000), TimeSpan.FromSeconds(5));

        var atLimit = clock.Receive(new HybridTimestamp(15_000, 0, "ok"));
        Assert.Throws<DomainException>(() => clock.EnsureWithinDrift(new HybridTimestamp(15_001, 0, "fast")));

        Assert.Equal((15_000L, 1), (atLimit.PhysicalMs, atLimit.Logical));
        Assert.Equal(HybridLogicalClock.DefaultMaxClockDrift, new HybridLogicalClock(TimeProvider.System).MaxClockDrift);
    }
}
