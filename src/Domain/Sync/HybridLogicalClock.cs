using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Sync;

/// <summary>
/// The server's hybrid logical clock. <see cref="Now"/> stamps a local event; <see cref="Receive"/> takes in a
/// device's timestamp so that everything the server stamps afterwards orders after it. A remote timestamp more
/// than <see cref="MaxClockDrift"/> ahead of the server's wall clock is rejected: accepting it would let one
/// device with a wrong clock win every conflict for as long as its clock stays ahead.
/// Thread-safe; one instance per process.
/// </summary>
public sealed class HybridLogicalClock(TimeProvider time, TimeSpan? maxClockDrift = null)
{
    public static readonly TimeSpan DefaultMaxClockDrift = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private long _physical;
    private int _logical;

    public TimeSpan MaxClockDrift { get; } = maxClockDrift ?? DefaultMaxClockDrift;

    /// <summary>A timestamp for an event happening here now, attributed to <paramref name="nodeId"/>.</summary>
    public HybridTimestamp Now(string nodeId)
    {
        var wall = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (wall > _physical)
            {
                _physical = wall;
                _logical = 0;
            }
            else
            {
                _logical++;
            }

            return new HybridTimestamp(_physical, _logical, nodeId);
        }
    }

    /// <summary>Merges a remote timestamp into the clock; returns the clock's new reading (attributed to the remote node).</summary>
    public HybridTimestamp Receive(HybridTimestamp remote)
    {
        var wall = time.GetUtcNow().ToUnixTimeMilliseconds();
        EnsureWithinDrift(remote, wall);
        lock (_gate)
        {
            var previous = _physical;
            _physical = Math.Max(Math.Max(previous, remote.PhysicalMs), wall);
            if (_physical == previous && _physical == remote.PhysicalMs)
            {
                _logical = Math.Max(_logical, remote.Logical) + 1;
            }
            else if (_physical == previous)
            {
                _logical++;
            }
            else if (_physical == remote.PhysicalMs)
            {
                _logical = remote.Logical + 1;
            }
            else
            {
                _logical = 0;
            }

            return new HybridTimestamp(_physical, _logical, remote.NodeId);
        }
    }

    /// <summary>Rejects a timestamp too far ahead of this server's wall clock.</summary>
    public void EnsureWithinDrift(HybridTimestamp remote) =>
        EnsureWithinDrift(remote, time.GetUtcNow().ToUnixTimeMilliseconds());

    private void EnsureWithinDrift(HybridTimestamp remote, long wall)
    {
        if (remote.PhysicalMs - wall > (long)MaxClockDrift.TotalMilliseconds)
        {
            throw new DomainException("hlc",
                $"The timestamp is {remote.PhysicalMs - wall} ms ahead of the server's clock; at most {MaxClockDrift.TotalMilliseconds:0} ms is accepted.");
        }

        if (remote.PhysicalMs < 0 || remote.Logical < 0)
        {
            throw new DomainException("hlc", "The timestamp must not be negative.");
        }
    }
}
