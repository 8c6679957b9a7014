using System.Globalization;
using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.EntityResolution;

/// <summary>
/// One catalogue's id for a title, in canonical form. TMDB and TVDB numbers are only unique within a media kind,
/// so their kind is part of the value: <c>movie/603</c>, <c>tv/1399</c>, <c>series/81189</c>.
/// </summary>
public sealed record ExternalId
{
    public const int MaxValueLength = 100;

    private ExternalId(ExternalIdType type, string value)
    {
        Type = type;
        Value = value;
    }

    public ExternalIdType Type { get; }

    /// <summary>Canonical value: EIDR as upper-case DOI, IMDb as <c>tt</c> + digits, TMDB/TVDB as <c>kind/number</c>.</summary>
    public string Value { get; }

    /// <summary>The TMDB or TVDB media kind (<c>movie</c>, <c>tv</c>, <c>series</c>); null for EIDR and IMDb.</summary>
    public string? Kind => Type is ExternalIdType.Tmdb or ExternalIdType.Tvdb ? Value[..Value.IndexOf('/', StringComparison.Ordinal)] : null;

    /// <summary>The value without its kind, as the catalogue itself writes it.</summary>
    public string Number => Kind is null ? Value : Value[(Kind.Length + 1)..];

    public static bool TryParseType(string? raw, out ExternalIdType type)
    {
        ExternalIdType? parsed = raw?.Trim().ToLowerInvariant() switch
        {
            "eidr" => ExternalIdType.Eidr,
            "imdb" => ExternalIdType.Imdb,
            "tmdb" => ExternalIdType.Tmdb,
            "tvdb" => ExternalIdType.Tvdb,
            _ => null,
        };
        type = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>Parses raw input; throws <see cref="DomainException"/> naming what is wrong with it.</summary>
    public static ExternalId Parse(string? type, string? value, string? kind = null)
    {
        if (!TryParseType(type, out var idType))
        {
            throw new DomainException("type", "'type' must be one of eidr, imdb, tmdb, tvdb.");
        }

        return Parse(idType, value, kind);
    }

    public static ExternalId Parse(ExternalIdType type, string? value, string? kind = null)
    {
        var raw = value?.Trim() ?? "";
        if (raw.Length == 0)
        {
            throw new DomainException("value", "'value' must not be empty.");
        }

        if (raw.Length > 200)
        {
            throw new DomainException("value", "'value' must be at most 200 characters.");
        }

        return type switch
        {
            ExternalIdType.Eidr => new ExternalId(type, ParseEidr(raw)),
            ExternalIdType.Imdb => new ExternalId(type, ParseImdb(raw)),
            ExternalIdType.Tmdb => new ExternalId(type, ParseNumberWithKind(raw, kind, "TMDB", ["movie", "tv"])),
            ExternalIdType.Tvdb => new ExternalId(type, ParseNumberWithKind(raw, kind, "TVDB", ["series", "movie"])),
            _ => throw new DomainException("type", "'type' must be one of eidr, imdb, tmdb, tvdb."),
        };
    }

    /// <summary>Rebuilds an id already in canonical form (from storage); fails loudly on anything else.</summary>
    public static ExternalId FromCanonical(ExternalIdType type, string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        try
        {
            var parsed = type is ExternalIdType.Tmdb or ExternalIdType.Tvdb && slash > 0
                ? Parse(type, value[(slash + 1)..], value[..slash])
                : Parse(type, value);
            if (parsed.Value == value)
            {
                return parsed;
            }
        }
        catch (DomainException)
        {
        }

        throw new FormatException($"'{value}' is not a canonical {CatalogNames.Of(type)} id.");
    }

    public override string ToString() => $"{CatalogNames.Of(Type)}:{Value}";

    private static string ParseEidr(string raw)
    {
        var text = raw;
        foreach (var prefix in (string[])["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        if (!text.StartsWith(Eidr.Prefix, StringComparison.Ordinal))
        {
            throw new DomainException("value", "An EIDR id is a DOI of the form 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C.");
        }

        var suffix = text[Eidr.Prefix.Length..].ToUpperInvariant();
        var groups = suffix.Split('-');
        if (groups.Length != 6 || groups[..5].Any(g => g.Length != 4 || !g.All(char.IsAsciiHexDigit))
            || groups[5].Length != 1 || !char.IsAsciiLetterOrDigit(groups[5][0]))
        {
            throw new DomainException("value", "An EIDR id is a DOI of the form 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C (five groups of four hex digits and a check character).");
        }

        var expected = Eidr.CheckCharacter(string.Concat(groups[..5]));
        if (groups[5][0] != expected)
        {
            throw new DomainException("value", $"The EIDR check character is wrong: '{groups[5]}' given, '{expected}' expected.");
        }

        return Eidr.Prefix + suffix;
    }

    private static string ParseImdb(string raw)
    {
        var text = raw;
        var title = text.IndexOf("imdb.com/title/", StringComparison.OrdinalIgnoreCase);
        if (title >= 0)
        {
            text = text[(title + "imdb.com/title/".Length)..];
            var end = text.IndexOfAny(['/', '?', '#']);
            text = end >= 0 ? text[..end] : text;
        }

        text = text.ToLowerInvariant();
        if (text.Length < 9 || text.Length > 20 || !text.StartsWith("tt", StringComparison.Ordinal) || !text[2..].All(char.IsAsciiDigit))
        {
            throw new DomainException("value", "An IMDb id is 'tt' followed by 7 or more digits, or an imdb.com title URL.");
        }

        return text;
    }

    private static string ParseNumberWithKind(string raw, string? kind, string catalogue, string[] kinds)
    {
        var normalisedKind = kind?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(normalisedKind))
        {
            // The same number names different titles in each kind: never guess.
            throw new DomainException("kind", $"A {catalogue} id needs its 'kind' ({string.Join(" or ", kinds)}): the same number is a different title in each.");
        }

        if (!kinds.Contains(normalisedKind))
        {
            throw new DomainException("kind", $"A {catalogue} id's 'kind' must be {string.Join(" or ", kinds)}.");
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0 || number > int.MaxValue)
        {
            throw new DomainException("value", $"A {catalogue} id is a positive integer.");
        }

        return $"{normalisedKind}/{number.ToString(CultureInfo.InvariantCulture)}";
    }
}
