using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// Deterministic randomness for the generators. Each title, user and vector draws from its own
/// <see cref="Random"/>, seeded from (seed, stream, index), so any one of them can be rebuilt without replaying
/// the others. Seeded <see cref="Random"/> runs the same managed algorithm everywhere, and the generators use only
/// + - * / and square roots on its output (no Pow, Log or Exp, whose last bit may differ between platforms).
/// </summary>
internal static class SeedRandom
{
    public const int CatalogStream = 1;
    public const int TitleTextStream = 2;
    public const int UserStream = 3;
    public const int CentroidStream = 4;
    public const int VectorNoiseStream = 5;
    public const int MotifStream = 6;
    public const int UserMotifStream = 7;

    /// <summary>
    /// A <see cref="Random"/> for one item. Its seed has 31 bits, so two of 100,000 items may rarely share a
    /// sequence; that only makes two texts or two users alike, never two ids (see <see cref="Id"/>).
    /// </summary>
    public static Random For(int seed, int stream, long index) => new(Derive(seed, stream, index));

    /// <summary>SplitMix64's finaliser over the three inputs: nearby indexes give unrelated seeds.</summary>
    public static int Derive(int seed, int stream, long index)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index ^ ((ulong)stream * 0x9E3779B97F4A7C15UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }

    /// <summary>
    /// A name-based UUID (version 8, SHA-256, as in RFC 9562 appendix B.2) of <c>mediagateway-seed/{seed}/{kind}/{index}</c>:
    /// the same seed always gives the same ids, and distinct indexes never collide in practice.
    /// </summary>
    public static Guid Id(int seed, string kind, long index)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"mediagateway-seed/{seed}/{kind}/{index}");
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(name.Length)];
        var length = Encoding.UTF8.GetBytes(name, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>Folds a GUID to an index for <see cref="For"/>.</summary>
    public static long Fold(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) ^ BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>An index into <paramref name="weights"/>, with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<int> weights)
    {
        var total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var draw = random.Next(total);
        for (var i = 0; i < weights.Count; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>
    /// A rank in [0, count) with a long tail: rank = count·u⁴, so the density falls as rank^-¾ (Zipf-like) and the
    /// top 1% of ranks draw about a third of all picks.
    /// </summary>
    public static int ZipfRank(this Random random, int count)
    {
        var u = random.NextDouble();
        var rank = (int)(count * (u * u * u * u));
        return Math.Min(rank, count - 1);
    }

    /// <summary>
    /// A rank in [0, count) with a milder lean than <see cref="ZipfRank"/>: rank = count·u², so the density falls
    /// as rank^-½ and the top tenth of ranks draw about a third of all picks. Popularity shows, without deciding.
    /// </summary>
    public static int FlatterRank(this Random random, int count)
    {
        var u = random.NextDouble();
        var rank = (int)(count * (u * u));
        return Math.Min(rank, count - 1);
    }
}
