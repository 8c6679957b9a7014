namespace MediaGateway.Domain.Sync;

/// <summary>
/// An add-wins observed-remove set. Every add creates a unique tag; a remove removes exactly the tags it
/// names (those it observed). A tag, once removed, stays removed: a remove that arrives before its add (out of
/// order, or through another instance) is remembered, and the add never revives it. Concurrent add and remove
/// of the same item keep the item, because the remove cannot have observed the new tag.
/// </summary>
public sealed class ObservedRemoveSet<T> where T : notnull
{
    private readonly Dictionary<string, TaggedAdd> _adds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    public sealed record TaggedAdd(T Item, string Tag, HybridTimestamp Stamp);

    /// <summary>Items with at least one live tag.</summary>
    public IReadOnlySet<T> Items => _adds.Values.Select(a => a.Item).ToHashSet();

    /// <summary>The live tags, each with the add that made it.</summary>
    public IEnumerable<TaggedAdd> LiveAdds => _adds.Values;

    public IReadOnlySet<string> RemovedTags => _removed;

    public bool Contains(T item) => _adds.Values.Any(a => EqualityComparer<T>.Default.Equals(a.Item, item));

    /// <summary>Adds <paramref name="item"/> under a new tag; false when the tag was already seen (added or removed).</summary>
    public bool Add(T item, string tag, HybridTimestamp stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (_removed.Contains(tag) || _adds.ContainsKey(tag))
        {
            return false;
        }

        _adds[tag] = new TaggedAdd(item, tag, stamp);
        return true;
    }

    /// <summary>
    /// Adds <paramref name="item"/> under a new tag and removes the tags of it this replica observes, in one step:
    /// the item stays present (under the new tag), an add made elsewhere that this replica has not seen keeps its own
    /// tag (add-wins), and repeated adds leave one live tag per adding replica instead of one per add. Returns the
    /// tags removed, which travel to the other replicas as a remove; nothing when the tag was already seen.
    /// </summary>
    public IReadOnlyList<string> AddReplacingObserved(T item, string tag, HybridTimestamp stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (_removed.Contains(tag) || _adds.ContainsKey(tag))
        {
            return [];
        }

        var observed = ObservedTags(item);
        Remove(observed);
        Add(item, tag, stamp);
        return observed;
    }

    /// <summary>Removes exactly these tags, whether or not this replica has seen their adds yet.</summary>
    public void Remove(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            _removed.Add(tag);
            _adds.Remove(tag);
        }
    }

    /// <summary>The tags of <paramref name="item"/> this replica observes now: what a local remove should name.</summary>
    public IReadOnlyList<string> ObservedTags(T item) =>
        _adds.Values.Where(a => EqualityComparer<T>.Default.Equals(a.Item, item)).Select(a => a.Tag).ToList();

    /// <summary>Takes in everything <paramref name="other"/> knows. Commutative, associative, idempotent.</summary>
    public void Merge(ObservedRemoveSet<T> other)
    {
        Remove(other._removed);
        foreach (var add in other._adds.Values)
        {
            Add(add.Item, add.Tag, add.Stamp);
        }
    }

    /// <summary>Drops remembered removals (garbage collection once every replica has seen them).</summary>
    public void ForgetRemovals(IEnumerable<string> tags) => _removed.ExceptWith(tags);
}
