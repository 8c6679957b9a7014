using System.Collections.Concurrent;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Domain.Sync;

/// <summary>
/// One <see cref="HybridLogicalClock"/> per user. Last-writer-wins only ever compares stamps within one user's
/// data, so a clock per user keeps every ordering guarantee, while a device can move only its own user's clock:
/// a stamp far ahead (within the drift allowed) from one user no longer pushes every other user's stamps ahead.
/// Memory stays bounded by the users active lately: a clock that holds nothing within <see cref="MaxClockDrift"/> of
/// the wall clock is dropped by a sweep (at most every <see cref="SweepInterval"/>), and a new one would read the
/// same. Stamps stay monotonic per user unless the server's wall clock steps back by more than the drift bound.
/// </summary>
public sealed class UserClocks(TimeProvider time, TimeSpan? maxClockDrift = null)
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<UserRef, HybridLogicalClock> _clocks = new();
    private long _nextSweep = long.MinValue;

    public TimeSpan MaxClockDrift { get; } = maxClockDrift ?? HybridLogicalClock.DefaultMaxClockDrift;

    /// <summary>Clocks held now (users active within about the drift bound).</summary>
    public int Count => _clocks.Count;

    /// <summary>A timestamp for an event of <paramref name="user"/>'s happening here now, attributed to <paramref name="nodeId"/>.</summary>
    public HybridTimestamp Now(UserRef user, string nodeId)
    {
        SweepIfDue();
        while (true)
        {
            var clock = ClockOf(user);
            if (clock.TryNow(nodeId, out var stamp))
            {
                return stamp;
            }

            _clocks.TryRemove(KeyValuePair.Create(user, clock));   // retired by a sweep under way: take a new one
        }
    }

    /// <summary>Merges a device's timestamp into <paramref name="user"/>'s clock; see <see cref="HybridLogicalClock.Receive"/>.</summary>
    public HybridTimestamp Receive(UserRef user, HybridTimestamp remote)
    {
        EnsureWithinDrift(remote);
        SweepIfDue();
        while (true)
        {
            var clock = ClockOf(user);
            if (clock.TryReceive(remote, out var stamp))
            {
                return stamp;
            }

            _clocks.TryRemove(KeyValuePair.Create(user, clock));
        }
    }

    /// <summary>Rejects a timestamp too far ahead of the server's wall clock, negative, or with too large a counter.</summary>
    public void EnsureWithinDrift(HybridTimestamp remote) =>
        HybridLogicalClock.EnsureWithinBounds(remote, _time.GetUtcNow().ToUnixTimeMilliseconds(), MaxClockDrift);

    private HybridLogicalClock ClockOf(UserRef user) =>
        _clocks.GetOrAdd(user, static (_, self) => new HybridLogicalClock(self._time, self.MaxClockDrift), this);

    private void SweepIfDue()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = Interlocked.Read(ref _nextSweep);
        var next = now + (long)SweepInterval.TotalMilliseconds;
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, next, due) != due)
        {
            return;   // not yet, or another caller sweeps
        }

        foreach (var (user, clock) in _clocks)
        {
            if (clock.TryRetire(MaxClockDrift))
            {
                _clocks.TryRemove(KeyValuePair.Create(user, clock));
            }
        }
    }
}
