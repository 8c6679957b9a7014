using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MediaGateway.Domain.Common;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

public sealed class UserClocksTests
{
    private const long Start = 1_795_000_000_000;
    private static readonly TimeSpan Drift = TimeSpan.FromSeconds(60);
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly UserRef Bob = new("tenant-b", "bob");

    private sealed class ManualTime(long ms) : TimeProvider
    {
        public long Ms { get; set; } = ms;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }

    /// <summary>
    /// Arbitrary remote stamps within the drift bound (counters up to the limit included), interleaved with local
    /// events, a wall clock that advances, stalls, steps back a little and jumps past the idle sweep: Alice's clock
    /// never goes backwards, never negative, never past the counter limit, always orders after what it received;
    /// and Bob's stamps are exactly those of a clock that never heard of Alice.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property RemoteStampsWithinBounds_NeverMoveTheClockBack_NorAnotherUsersClock(int seed)
    {
        {
            var random = new Random(seed);
            var time = new ManualTime(Start);
            var clocks = new UserClocks(time, Drift);
            var bobAlone = new UserClocks(time, Drift);
            var last = new HybridTimestamp(-1, 0, "");
            for (var step = 0; step < 300; step++)
            {
                time.Ms += random.Next(10) switch
                {
                    0 => -random.Next(1_000),                    // the wall clock steps back a little
                    1 => 70_000 + random.Next(60_000),           // idle past the sweep: Alice's clock may be dropped
                    < 5 => 0,                                    // same millisecond
                    _ => random.Next(2_000),
                };
                HybridTimestamp stamp;
                switch (random.Next(3))
                {
                    case 0:
                        stamp = clocks.Now(Alice, "server");
                        break;
                    case 1:
                        var remote = new HybridTimestamp(
                            time.Ms + random.NextInt64(-5_000, (long)Drift.TotalMilliseconds + 1),
                            random.Next(4) switch
                            {
                                0 => HybridTimestamp.MaxLogical,
                                1 => HybridTimestamp.MaxLogical - random.Next(3),
                                _ => random.Next(100),
                            },
                            "phone");
                        stamp = clocks.Receive(Alice, remote);
                        if (Compare(stamp, remote) <= 0)
                        {
                            return false.Label($"step {step}: received {remote}, clock read {stamp}");
                        }

                        break;
                    default:
                        var bob = clocks.Now(Bob, "tv");
                        var expected = bobAlone.Now(Bob, "tv");
                        if (bob != expected)
                        {
                            return false.Label($"step {step}: Bob read {bob}, alone he reads {expected}");
                        }

                        continue;
                }

                if (Compare(stamp, last) <= 0 || stamp.PhysicalMs < 0 || stamp.Logical is < 0 or > HybridTimestamp.MaxLogical)
                {
                    return false.Label($"step {step}: {last} then {stamp}");
                }

                last = stamp;
            }

            return true.ToProperty();
        }
    }

    [Fact]
    public void Receive_LogicalAboveTheLimit_IsRejectedNamingTheField()
    {
        var clocks = new UserClocks(new ManualTime(Start), Drift);

        var error = Assert.Throws<DomainException>(() => clocks.Receive(Alice, new HybridTimestamp(Start + 55_000, int.MaxValue, "attacker")));

        Assert.Equal("hlc.logical", error.Field);
        Assert.Equal(0, clocks.Count);
    }

    [Fact]
    public void Receive_AtTheLimitAheadOfTheWallClock_MovesOnlyThatUsersClock_AndNeverOverflows()
    {
        var time = new ManualTime(Start);
        var clocks = new UserClocks(time, Drift);

        var received = clocks.Receive(Alice, new HybridTimestamp(Start + 55_000, HybridTimestamp.MaxLogical, "attacker"));
        var alice = clocks.Now(Alice, "server");
        var bob = clocks.Now(Bob, "server");

        Assert.Equal((Start + 55_001, 0), (received.PhysicalMs, received.Logical));   // the next millisecond, not an overflow
        Assert.Equal((Start + 55_001, 1), (alice.PhysicalMs, alice.Logical));
        Assert.Equal((Start, 0), (bob.PhysicalMs, bob.Logical));                       // Bob's clock is the wall clock
    }

    [Fact]
    public void ClocksOfIdleUsers_AreDropped_WithoutGoingBack()
    {
        var time = new ManualTime(Start);
        var clocks = new UserClocks(time, Drift);
        for (var i = 0; i < 1_000; i++)
        {
            clocks.Now(new UserRef("t", $"user-{i}"), "d");
        }

        var ahead = clocks.Receive(Alice, new HybridTimestamp(Start + 60_000, 5, "phone"));
        Assert.Equal(1_001, clocks.Count);

        time.Ms += 30_000;
        Assert.True(clocks.Now(Alice, "server") > ahead);   // still ahead of the wall clock: kept
        time.Ms += 61_000;                                   // every clock is now more than the drift bound behind
        var later = clocks.Now(Alice, "server");

        Assert.Equal(1, clocks.Count);
        Assert.True(later > ahead);
    }

    private static int Compare(HybridTimestamp a, HybridTimestamp b) =>
        (a.PhysicalMs, a.Logical).CompareTo((b.PhysicalMs, b.Logical));
}
