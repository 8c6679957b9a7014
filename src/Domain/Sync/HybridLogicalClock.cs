using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Sync;

/// <summary>
/// A hybrid logical clock. <see cref="Now"/> stamps a local event; <see cref="Receive"/> takes in a device's
/// timestamp so that everything stamped afterwards orders after it. A remote timestamp more than
/// <see cref="MaxClockDrift"/> ahead of the server's wall clock, or with a logical counter above
/// <see cref="HybridTimestamp.MaxLogical"/>, is rejected: accepting it would let one device with a wrong clock win
/// every conflict for as long as its clock stays ahead, or run the counter out of range.
/// The counter never overflows: past <see cref="LogicalRollover"/> the clock moves on to the next millisecond,
/// so the server's own stamps stay far below the limit and a device that continues from them stays within it.
/// Thread-safe. The service keeps one per user (<see cref="UserClocks"/>), so one user's devices never move another's stamps.
/// </summary>
public sealed class HybridLogicalClock(TimeProvider time, TimeSpan? maxClockDrift = null)
{
    public static readonly TimeSpan DefaultMaxClockDrift = TimeSpan.FromSeconds(60);

    /// <summary>The largest logical counter this clock gives out before it moves to the next millisecond.</summary>
    public const int LogicalRollover = HybridTimestamp.MaxLogical / 2;

    private readonly Lock _gate = new();
    private long _physical;
    private int _logical;
    private bool _retired;

    public TimeSpan MaxClockDrift { get; } = maxClockDrift ?? DefaultMaxClockDrift;

    /// <summary>A timestamp for an event happening here now, attributed to <paramref name="nodeId"/>.</summary>
    public HybridTimestamp Now(string nodeId) =>
        TryNow(nodeId, out var stamp) ? stamp : throw new InvalidOperationException("This clock was retired.");

    /// <summary>Merges a remote timestamp into the clock; returns the clock's new reading (attributed to the remote node).</summary>
    public HybridTimestamp Receive(HybridTimestamp remote) =>
        TryReceive(remote, out var stamp) ? stamp : throw new InvalidOperationException("This clock was retired.");

    /// <summary>Rejects a timestamp too far ahead of this server's wall clock, negative, or with too large a counter.</summary>
    public void EnsureWithinDrift(HybridTimestamp remote) =>
        EnsureWithinBounds(remote, time.GetUtcNow().ToUnixTimeMilliseconds(), MaxClockDrift);

    internal bool TryNow(string nodeId, out HybridTimestamp stamp)
    {
        var wall = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (_retired)
            {
                stamp = default;
                return false;
            }

            if (wall > _physical)
            {
                _physical = wall;
                _logical = 0;
            }
            else
            {
                Advance(_logical);
            }

            stamp = new HybridTimestamp(_physical, _logical, nodeId);
            return true;
        }
    }

    internal bool TryReceive(HybridTimestamp remote, out HybridTimestamp stamp)
    {
        var wall = time.GetUtcNow().ToUnixTimeMilliseconds();
        EnsureWithinBounds(remote, wall, MaxClockDrift);
        lock (_gate)
        {
            if (_retired)
            {
                stamp = default;
                return false;
            }

            var previous = _physical;
            _physical = Math.Max(Math.Max(previous, remote.PhysicalMs), wall);
            if (_physical == previous && _physical == remote.PhysicalMs)
            {
                Advance(Math.Max(_logical, remote.Logical));
            }
            else if (_physical == previous)
            {
                Advance(_logical);
            }
            else if (_physical == remote.PhysicalMs)
            {
                Advance(remote.Logical);
            }
            else
            {
                _logical = 0;
            }

            stamp = new HybridTimestamp(_physical, _logical, remote.NodeId);
            return true;
        }
    }

    /// <summary>
    /// Retires the clock when it holds nothing within <paramref name="idle"/> of the wall clock: a new clock then
    /// gives the same readings this one would (both start from the wall clock), so dropping it loses nothing.
    /// A retired clock answers no more calls.
    /// </summary>
    internal bool TryRetire(TimeSpan idle)
    {
        var wall = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (_physical >= wall - (long)idle.TotalMilliseconds)
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    // The next reading after (physical, logical): the counter goes up, or past the rollover the next millisecond starts.
    private void Advance(int logical)
    {
        if (logical >= LogicalRollover)
        {
            _physical++;
            _logical = 0;
        }
        else
        {
            _logical = logical + 1;
        }
    }

    internal static void EnsureWithinBounds(HybridTimestamp remote, long wall, TimeSpan maxClockDrift)
    {
        if (remote.PhysicalMs - wall > (long)maxClockDrift.TotalMilliseconds)
        {
            throw new DomainException("hlc",
                $"The timestamp is {remote.PhysicalMs - wall} ms ahead of the server's clock; at most {maxClockDrift.TotalMilliseconds:0} ms is accepted.");
        }

        if (remote.PhysicalMs < 0 || remote.Logical < 0)
        {
            throw new DomainException("hlc", "The timestamp must not be negative.");
        }

        if (remote.Logical > HybridTimestamp.MaxLogical)
        {
            throw new DomainException("hlc.logical", $"'hlc.logical' must be at most {HybridTimestamp.MaxLogical}.");
        }
    }
}
