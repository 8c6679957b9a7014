using MediaGateway.Application.Catalog;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// Embeddings for benchmark catalogs too large to run through a model: each genre and each motif (within its
/// genre) gets a random unit direction, and a title's vector is the unit-length sum of a direction all titles
/// share, its primary genre's centroid, part of its motif's and of its second genre's, and noise of its own.
/// Titles of a motif then sit nearest each other (cosine about 0.55), the rest of their genre a little further
/// (about 0.4) and other genres far (about 0.05), roughly as sentence embeddings of the generated text do. Only
/// the first <see cref="UsedDimensions"/> numbers are set; the rest of the <see cref="CatalogVectors.Dimensions"/>
/// are zero, as the embedder pads a 384-number model.
/// </summary>
/// <remarks>
/// Deterministic for a seed and a title id. The noise is uniform rather than Gaussian: it needs no Log or Cos, so
/// vectors are bit-identical on every platform, and the sum of many such numbers spreads the same way.
/// </remarks>
public sealed class SyntheticVectors
{
    /// <summary>all-MiniLM-L6-v2's width.</summary>
    public const int DefaultUsedDimensions = 384;

    private const double SharedWeight = 0.35;
    private const double SecondGenreWeight = 0.6;
    private const double MotifWeight = 0.7;

    /// <summary>The noise vector's expected length, relative to a centroid's 1.</summary>
    private const double NoiseLength = 1.1;

    private readonly double[] _shared;
    private readonly double[][] _centroids;
    private readonly double[][][] _motifs;
    private readonly double _noiseAmplitude;

    public SyntheticVectors(int seed, int usedDimensions = DefaultUsedDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(usedDimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(usedDimensions, CatalogVectors.Dimensions);
        Seed = seed;
        UsedDimensions = usedDimensions;
        _shared = UnitVector(SeedRandom.For(seed, SeedRandom.CentroidStream, -1), usedDimensions);
        _centroids = [.. SeedGenres.All.Select((_, genre) => UnitVector(SeedRandom.For(seed, SeedRandom.CentroidStream, genre), usedDimensions))];
        // Motif directions take centroid-stream indexes past the genres': genre g's motif m is 256 (g + 1) + m.
        _motifs = [.. SeedGenres.All.Select((genre, g) => genre.Places
            .Select((_, m) => UnitVector(SeedRandom.For(seed, SeedRandom.CentroidStream, 256 * (g + 1) + m), usedDimensions)).ToArray())];
        // U(-a, a) has variance a²/3; a = √3·L/√d gives d numbers of total expected square L².
        _noiseAmplitude = Math.Sqrt(3.0 / usedDimensions) * NoiseLength;
    }

    public int Seed { get; }

    public int UsedDimensions { get; }

    /// <summary>The vector's full width (the column's).</summary>
    public static int Dimensions => CatalogVectors.Dimensions;

    public float[] VectorOf(SeedTitle title)
    {
        var vector = new float[Dimensions];
        Write(title, vector);
        return vector;
    }

    /// <summary>Writes <paramref name="title"/>'s vector into <paramref name="destination"/> (at least <see cref="Dimensions"/> long), so a writer can reuse one buffer.</summary>
    public void Write(SeedTitle title, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (destination.Length < Dimensions)
        {
            throw new ArgumentException($"The destination needs {Dimensions} numbers.", nameof(destination));
        }

        if (title.Genres.Count == 0)
        {
            throw new ArgumentException("A title needs a genre to place its vector.", nameof(title));
        }

        var random = SeedRandom.For(Seed, SeedRandom.VectorNoiseStream, SeedRandom.Fold(title.Id));
        var primary = Centroid(title.Genres[0]);
        var motif = Motif(title.Genres[0], title.Motif);
        var secondary = title.Genres.Count > 1 ? Centroid(title.Genres[1]) : null;
        Span<double> sum = stackalloc double[UsedDimensions]; // at most 512 numbers
        var squares = 0.0;
        for (var i = 0; i < UsedDimensions; i++)
        {
            var x = SharedWeight * _shared[i] + primary[i] + MotifWeight * motif[i] + _noiseAmplitude * (2 * random.NextDouble() - 1);
            if (secondary is not null)
            {
                x += SecondGenreWeight * secondary[i];
            }

            sum[i] = x;
            squares += x * x;
        }

        var norm = Math.Sqrt(squares);
        for (var i = 0; i < UsedDimensions; i++)
        {
            destination[i] = (float)(sum[i] / norm);
        }

        destination[UsedDimensions..Dimensions].Clear();
    }

    private double[] Centroid(string genre)
    {
        var index = SeedGenres.IndexOf(genre);
        return index >= 0 ? _centroids[index] : throw new ArgumentException($"Unknown genre '{genre}'.", nameof(genre));
    }

    private double[] Motif(string genre, string motif)
    {
        var g = SeedGenres.IndexOf(genre); // known: Centroid checked it
        var places = SeedGenres.All[g].Places;
        for (var m = 0; m < places.Count; m++)
        {
            if (places[m] == motif)
            {
                return _motifs[g][m];
            }
        }

        throw new ArgumentException($"Unknown motif '{motif}' of genre '{genre}'.", nameof(motif));
    }

    private static double[] UnitVector(Random random, int dimensions)
    {
        var vector = new double[dimensions];
        var squares = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = 2 * random.NextDouble() - 1;
            squares += vector[i] * vector[i];
        }

        var norm = Math.Sqrt(squares);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
