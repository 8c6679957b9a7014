namespace MediaGateway.Domain.EntityResolution;

/// <summary>
/// EIDR content ids: DOI <c>10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C</c>, five groups of four hex digits and a check
/// character computed with ISO/IEC 7064 MOD 37,36 (the hybrid system) over the 20 hex digits of the suffix.
/// </summary>
public static class Eidr
{
    public const string Prefix = "10.5240/";

    private const int Modulus = 36;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The check character for 20 hex digits (upper or lower case, no dashes).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> hexDigits)
    {
        if (hexDigits.Length != 20)
        {
            throw new ArgumentException("An EIDR suffix has 20 hex digits.", nameof(hexDigits));
        }

        // ISO/IEC 7064 hybrid system with M = 36: P starts at M; for each character S = (P + value) mod M,
        // with 0 read as M, then P = 2S mod (M + 1). The check character makes the final P equal 1.
        var product = Modulus;
        foreach (var digit in hexDigits)
        {
            var value = Convert.ToInt32(digit.ToString(), 16);
            var sum = (product + value) % Modulus;
            if (sum == 0)
            {
                sum = Modulus;
            }

            product = sum * 2 % (Modulus + 1);
        }

        return Alphabet[(Modulus + 1 - product) % Modulus];
    }
}
