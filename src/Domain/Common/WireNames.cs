using System.Diagnostics.CodeAnalysis;

namespace MediaGateway.Domain.Common;

/// <summary>
/// The one table between an enum's values and the names they have outside the process (JSON, storage, events).
/// Parsing, formatting and validation messages all read it, so a name cannot drift between them. Every value
/// must have exactly one name: a value added to the enum without one fails on first use, not on the wire.
/// </summary>
public sealed class WireNames<TEnum> where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _names = [];
    private readonly Dictionary<string, TEnum> _values = new(StringComparer.Ordinal);

    public WireNames(params (TEnum Value, string Name)[] names)
    {
        foreach (var (value, name) in names)
        {
            if (!_names.TryAdd(value, name) || !_values.TryAdd(name, value))
            {
                throw new ArgumentException($"{typeof(TEnum).Name}: '{value}' or '{name}' is named twice.", nameof(names));
            }
        }

        var unnamed = Enum.GetValues<TEnum>().Where(v => !_names.ContainsKey(v)).ToList();
        if (unnamed.Count > 0)
        {
            throw new ArgumentException($"{typeof(TEnum).Name}: no wire name for {string.Join(", ", unnamed)}.", nameof(names));
        }

        All = names.Select(n => n.Name).ToList();
        List = string.Join(", ", All);
    }

    /// <summary>Every name, in the order given.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The names for a message: "playing, paused, stopped".</summary>
    public string List { get; }

    public string Of(TEnum value) =>
        _names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Exact, case-sensitive match: what clients send is what the server sends back.</summary>
    public bool TryParse([NotNullWhen(true)] string? name, out TEnum value)
    {
        value = default;
        return name is not null && _values.TryGetValue(name, out value);
    }

    public TEnum Parse(string name) =>
        TryParse(name, out var value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(name), name, $"One of {List} expected.");
}
