using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class VectorMathTests
{
    private const int Precision = 12;

    /// <summary>
    /// Lengths on both sides of the SIMD width, so the tail after the last full lane is exercised. The values are
    /// quarters from -4 to 4: every product and partial sum is exact in float, whatever the lane order, so the
    /// SIMD result must equal the naive loop exactly.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(512)]
    [InlineData(513)]
    public void Dot_AnyLength_EqualsTheNaiveLoop(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => random.Next(-16, 17) / 4f).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => random.Next(-16, 17) / 4f).ToArray();
        var naive = 0.0;
        for (var i = 0; i < length; i++)
        {
            naive += a[i] * b[i];
        }

        Assert.Equal(naive, VectorMath.Dot(a, b));
    }

    [Fact]
    public void Dot_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorMath.Dot([1, 2, 3], [1, 2]));
    }

    [Fact]
    public void Norm_IsTheEuclideanLength()
    {
        Assert.Equal(13, VectorMath.Norm([3, 4, 12]), Precision);
    }

    [Theory]
    [InlineData(new float[] { 0, 0, 0 }, new float[] { 1, 2, 3 })]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { 0, 0, 0 })]
    [InlineData(new float[] { 0, 0, 0 }, new float[] { 0, 0, 0 })]
    public void Cosine_ZeroVector_IsZero(float[] a, float[] b)
    {
        Assert.Equal(0, VectorMath.Cosine(a, b));
    }

    [Theory]
    [InlineData(new float[] { 5, 10, 15 }, 1)]
    [InlineData(new float[] { -0.1f, -0.2f, -0.3f }, -1)]
    [InlineData(new float[] { 3, 0, -1 }, 0)]
    public void Cosine_IgnoresLengthAndMeasuresDirection(float[] other, double cosine)
    {
        Assert.Equal(cosine, VectorMath.Cosine([1, 2, 3], other), 6);
    }

    [Fact]
    public void Cosine_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorMath.Cosine([1, 2, 3], [1, 2]));
    }

    [Fact]
    public void Cosine_ZeroVectorOfAnotherLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorMath.Cosine([0, 0, 0], [1, 2]));
    }

    [Fact]
    public void DifferentLengths_AreNamedInTheMessage()
    {
        var dot = Assert.Throws<ArgumentException>(() => VectorMath.Dot([1, 2], [1, 2, 3]));
        var cosine = Assert.Throws<ArgumentException>(() => VectorMath.Cosine([1, 2], [1, 2, 3]));

        Assert.StartsWith("Vectors of 2 and 3 numbers cannot be compared.", dot.Message, StringComparison.Ordinal);
        Assert.StartsWith("Vectors of 2 and 3 numbers cannot be compared.", cosine.Message, StringComparison.Ordinal);
    }
}
