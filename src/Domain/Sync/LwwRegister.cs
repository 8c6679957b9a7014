namespace MediaGateway.Domain.Sync;

/// <summary>
/// A last-writer-wins register: the value with the greater timestamp wins, ties broken by node id inside
/// <see cref="HybridTimestamp"/>'s order. Merge is commutative, associative and idempotent.
/// </summary>
public sealed record LwwRegister<T>(T Value, HybridTimestamp Stamp)
{
    /// <summary>Whether a write stamped <paramref name="stamp"/> would replace this one.</summary>
    public bool IsOlderThan(HybridTimestamp stamp) => Stamp < stamp;

    public LwwRegister<T> Merge(LwwRegister<T> other) => other.Stamp > Stamp ? other : this;

    public static LwwRegister<T>? Merge(LwwRegister<T>? a, LwwRegister<T>? b) =>
        a is null ? b : b is null ? a : a.Merge(b);
}
