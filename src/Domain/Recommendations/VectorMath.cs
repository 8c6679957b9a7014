using System.Numerics;
using System.Runtime.InteropServices;

namespace MediaGateway.Domain.Recommendations;

/// <summary>The few vector operations ranking needs, SIMD-wide where the CPU allows.</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} numbers cannot be compared.", nameof(b));
        }

        var wide = Vector<float>.Count;
        var sums = Vector<float>.Zero;
        var i = 0;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (; i < va.Length; i++)
        {
            sums += va[i] * vb[i];
        }

        double dot = Vector.Sum(sums);
        for (i *= wide; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));

    /// <summary>Cosine similarity, -1..1; 0 when either vector is all zeros (it has no direction).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // Checked here too: a zero vector returns before Dot would notice that the lengths differ.
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} numbers cannot be compared.", nameof(b));
        }

        var norms = Norm(a) * Norm(b);
        return norms == 0 ? 0 : Dot(a, b) / norms;
    }
}
