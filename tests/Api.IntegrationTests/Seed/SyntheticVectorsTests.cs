using MediaGateway.Api.Cli.Seed;
using MediaGateway.Application.Catalog;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Api.IntegrationTests.Seed;

public sealed class SyntheticVectorsTests
{
    private static readonly IReadOnlyList<SeedTitle> Titles = new SyntheticCatalog(seed: 31, count: 1200).ToList();

    [Fact]
    public void VectorOf_IsUnitLength_WithAZeroTail()
    {
        var vectors = new SyntheticVectors(seed: 31);

        Assert.All(Titles.Take(200), title =>
        {
            var vector = vectors.VectorOf(title);
            Assert.Equal(CatalogVectors.Dimensions, vector.Length);
            Assert.Equal(1.0, VectorMath.Norm(vector), 5);
            Assert.All(vector[SyntheticVectors.DefaultUsedDimensions..], x => Assert.Equal(0f, x));
            Assert.Contains(vector[..SyntheticVectors.DefaultUsedDimensions], x => x != 0);
        });
    }

    [Fact]
    public void VectorOf_NarrowerUsedWidth_ZeroesFromThere()
    {
        var vector = new SyntheticVectors(seed: 31, usedDimensions: 256).VectorOf(Titles[0]);

        Assert.All(vector[256..], x => Assert.Equal(0f, x));
        Assert.Equal(1.0, VectorMath.Norm(vector), 5);
    }

    [Fact]
    public void VectorOf_SameSeed_IsIdentical_DifferentSeed_Differs()
    {
        var title = Titles[42];

        Assert.Equal(new SyntheticVectors(seed: 31).VectorOf(title), new SyntheticVectors(seed: 31).VectorOf(title));
        Assert.NotEqual(new SyntheticVectors(seed: 31).VectorOf(title), new SyntheticVectors(seed: 32).VectorOf(title));
    }

    [Fact]
    public void Write_FillsTheBufferLikeVectorOf_OverwritingOldValues()
    {
        var vectors = new SyntheticVectors(seed: 31);
        var buffer = Enumerable.Repeat(9f, CatalogVectors.Dimensions).ToArray();

        vectors.Write(Titles[7], buffer);

        Assert.Equal(vectors.VectorOf(Titles[7]), buffer);
    }

    [Fact]
    public void Cosine_WithinAGenre_IsHigherThanAcrossGenres()
    {
        var vectors = new SyntheticVectors(seed: 31);
        var byGenre = Titles.Where(t => t.Genres.Count == 1)
            .GroupBy(t => t.Genres[0])
            .ToDictionary(group => group.Key, group => group.Take(15).Select(vectors.VectorOf).ToList());

        var within = byGenre.Values.SelectMany(list => list.SelectMany((a, i) => list.Skip(i + 1).Select(b => VectorMath.Cosine(a, b)))).Average();
        var across = byGenre.SelectMany(x => byGenre.Where(y => string.CompareOrdinal(y.Key, x.Key) > 0)
            .SelectMany(y => x.Value.SelectMany(a => y.Value.Select(b => VectorMath.Cosine(a, b))))).Average();

        Assert.True(within > across + 0.25, $"within {within:F3}, across {across:F3}");
        Assert.InRange(across, -0.1, 0.3);
    }

    [Fact]
    public void Cosine_WithinAMotif_IsHigherThanAcrossMotifsOfTheGenre()
    {
        var vectors = new SyntheticVectors(seed: 31);
        var single = Titles.Where(t => t.Genres.Count == 1).Select(t => (t.Genres[0], t.Motif, Vector: vectors.VectorOf(t))).ToList();

        var pairs = single.SelectMany((a, i) => single.Skip(i + 1).Where(b => b.Item1 == a.Item1)
            .Select(b => (Same: a.Motif == b.Motif, Cosine: VectorMath.Cosine(a.Vector, b.Vector)))).ToList();
        var within = pairs.Where(p => p.Same).Average(p => p.Cosine);
        var across = pairs.Where(p => !p.Same).Average(p => p.Cosine);

        Assert.True(within > across + 0.1, $"same motif {within:F3}, other motifs of the genre {across:F3}");
    }

    [Fact]
    public void VectorOf_UnknownMotif_Throws()
    {
        var title = Titles[0] with { Motif = "Atlantis" };

        Assert.Throws<ArgumentException>(() => new SyntheticVectors(seed: 1).VectorOf(title));
    }

    [Fact]
    public void VectorOf_UnknownGenre_Throws()
    {
        var title = Titles[0] with { Genres = ["polka"] };

        Assert.Throws<ArgumentException>(() => new SyntheticVectors(seed: 1).VectorOf(title));
    }
}
