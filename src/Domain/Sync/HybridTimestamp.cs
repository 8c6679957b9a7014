namespace MediaGateway.Domain.Sync;

/// <summary>
/// A hybrid logical clock timestamp (Kulkarni et al. 2014): wall-clock milliseconds, a logical counter for
/// events within the same millisecond, and the node (device) that made it. Totally ordered by physical, then
/// logical, then node id (ordinal), so every replica picks the same winner.
/// </summary>
public readonly record struct HybridTimestamp(long PhysicalMs, int Logical, string NodeId) : IComparable<HybridTimestamp>
{
    public static readonly HybridTimestamp Zero = new(0, 0, "");

    /// <summary>
    /// The largest logical counter accepted from a device. Counters count events within one millisecond, so real
    /// ones stay small; the bound keeps every clock that receives one far from overflowing.
    /// </summary>
    public const int MaxLogical = 1_000_000;

    public int CompareTo(HybridTimestamp other)
    {
        var byPhysical = PhysicalMs.CompareTo(other.PhysicalMs);
        if (byPhysical != 0)
        {
            return byPhysical;
        }

        var byLogical = Logical.CompareTo(other.Logical);
        return byLogical != 0 ? byLogical : string.CompareOrdinal(NodeId ?? "", other.NodeId ?? "");
    }

    public static bool operator <(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) >= 0;

    public static HybridTimestamp Max(HybridTimestamp a, HybridTimestamp b) => a >= b ? a : b;

    public override string ToString() => $"{PhysicalMs}.{Logical}@{NodeId}";
}
