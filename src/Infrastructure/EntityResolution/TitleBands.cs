using System.Globalization;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>
/// A normalised title's locality-sensitive signature (MinHash over its pg_trgm trigrams, in bands), so that
/// candidate search finds titles of high trigram similarity by exact band lookups on a GIN index instead of by
/// ranking every title that shares a word (ADR 11). Two titles share a band with probability 1 - (1 - J^8)^20 for
/// trigram Jaccard similarity J (what pg_trgm's <c>similarity</c> computes): 0.998 at J = 0.85, the match
/// threshold; 0.07 at J = 0.5 (two of three words shared); 0.001 at J = 0.3. Each band also hashes the tenant and
/// the kind, so a band's posting list holds only near-duplicates within one tenant and kind: a large tenant never
/// slows a small tenant's search.
/// </summary>
internal static class TitleBands
{
    public const int Count = 20;
    public const int RowsPerBand = 8;
    private const int Hashes = Count * RowsPerBand;

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The bands of a normalised title; empty when the title has no letters or digits.</summary>
    public static int[] Of(string tenantId, EntityKind kind, string normalizedTitle)
    {
        var trigrams = Trigrams(normalizedTitle);
        if (trigrams.Count == 0)
        {
            return [];
        }

        Span<ulong> minima = stackalloc ulong[Hashes];
        minima.Fill(ulong.MaxValue);
        foreach (var trigram in trigrams)
        {
            for (var i = 0; i < Hashes; i++)
            {
                // One base hash per trigram, remixed per hash function: independent enough for MinHash, and cheap.
                var value = Mix(trigram + ((ulong)(i + 1) * 0x9E3779B97F4A7C15));
                if (value < minima[i])
                {
                    minima[i] = value;
                }
            }
        }

        var scope = Fnv(Fnv(FnvOffset, tenantId), CatalogNames.Of(kind));
        var bands = new int[Count];
        for (var band = 0; band < Count; band++)
        {
            var hash = Fnv(scope, (ulong)band);
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = Fnv(hash, minima[(band * RowsPerBand) + row]);
            }

            bands[band] = (int)(hash ^ (hash >> 32));
        }

        return bands;
    }

    /// <summary>The bands as a Postgres <c>int[]</c> literal (a statement's text[] parameter, cast per row); null without a title.</summary>
    public static string? Literal(string tenantId, EntityKind kind, string? normalizedTitle) =>
        normalizedTitle is null
            ? null
            : $"{{{string.Join(',', Of(tenantId, kind, normalizedTitle).Select(band => band.ToString(CultureInfo.InvariantCulture)))}}}";

    /// <summary>
    /// pg_trgm's trigrams of a normalised title (lower-case letters and digits separated by single spaces): each
    /// word padded with two spaces before and one after, every three consecutive characters, distinct; each as a
    /// 64-bit hash.
    /// </summary>
    internal static HashSet<ulong> Trigrams(string normalizedTitle)
    {
        var trigrams = new HashSet<ulong>();
        foreach (var word in normalizedTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = $"  {word} ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                trigrams.Add(Fnv(FnvOffset, padded.AsSpan(i, 3)));
            }
        }

        return trigrams;
    }

    private static ulong Fnv(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return (hash ^ 0xFF) * FnvPrime;   // a separator, so ("ab", "c") and ("a", "bc") differ
    }

    private static ulong Fnv(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ ((value >> (i * 8)) & 0xFF)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
