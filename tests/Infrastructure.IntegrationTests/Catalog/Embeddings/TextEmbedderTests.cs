using System.Diagnostics.Metrics;
using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Catalog.Embeddings;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Catalog.Embeddings;

/// <summary>The port's adapter over a generator that answers what each test says.</summary>
public sealed class TextEmbedderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TextEmbedder Embedder(FakeEmbeddingGenerator generator, int batchSize = 64) =>
        new(generator, Options.Create(new EmbeddingOptions { BatchSize = batchSize }), TestMetrics.Create());

    [Fact]
    public async Task EmbedAsync_ShortVectors_AreUnitLengthAndZeroPaddedToTheColumn()
    {
        var generator = new FakeEmbeddingGenerator("m", 2, texts => texts.Select(_ => new float[] { 3, 4 }).ToArray());

        var vectors = await Embedder(generator).EmbedAsync(["a"], Ct);

        var vector = Assert.Single(vectors);
        Assert.Equal(CatalogVectors.Dimensions, vector.Length);
        Assert.Equal(0.6f, vector[0], 6);
        Assert.Equal(0.8f, vector[1], 6);
        Assert.All(vector[2..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ModelId_NamesTheModelAndItsSize()
    {
        Assert.Equal("fake-model/8", Embedder(FakeEmbeddingGenerator.Counting(8)).ModelId);
    }

    [Fact]
    public async Task EmbedAsync_MoreTextsThanABatch_SendsBatchesInOrder()
    {
        var generator = FakeEmbeddingGenerator.Counting();
        var texts = Enumerable.Range(0, 7).Select(i => $"t{i}").ToList();

        var vectors = await Embedder(generator, batchSize: 3).EmbedAsync(texts, Ct);

        Assert.Equal([3, 3, 1], generator.Batches.Select(b => b.Count));
        Assert.Equal(texts, generator.Batches.SelectMany(b => b));
        // Within each batch, text i got [i + 1, 1]: the first numbers, rescaled, follow the batches' order.
        var ratios = vectors.Select(v => MathF.Round(v[0] / v[1])).ToList();
        Assert.Equal([1f, 2f, 3f, 1f, 2f, 3f, 1f], ratios);
    }

    [Fact]
    public async Task EmbedAsync_NoTexts_AsksNothing()
    {
        var generator = FakeEmbeddingGenerator.Counting();

        var vectors = await Embedder(generator).EmbedAsync([], Ct);

        Assert.Empty(vectors);
        Assert.Empty(generator.Batches);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task EmbedAsync_NonFiniteNumber_Throws(float bad)
    {
        var generator = new FakeEmbeddingGenerator("m", 4, texts => texts.Select((_, i) => i == 1 ? new[] { 1, bad, 0, 0 } : new float[] { 1, 0, 0, 0 }).ToArray());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Embedder(generator).EmbedAsync(["a", "b"], Ct));

        Assert.Contains("text 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_AllZeroVector_Throws()
    {
        var generator = new FakeEmbeddingGenerator("m", 4, texts => texts.Select(_ => new float[4]).ToArray());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Embedder(generator).EmbedAsync(["a"], Ct));

        Assert.Contains("all-zero", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task EmbedAsync_WrongNumberOfVectors_Throws(int answered)
    {
        var generator = new FakeEmbeddingGenerator("m", 4, _ => Enumerable.Range(0, answered).Select(_ => new float[] { 1, 0, 0, 0 }).ToArray());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Embedder(generator).EmbedAsync(["a", "b"], Ct));

        Assert.Contains($"answered {answered} vectors for 2 texts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(CatalogVectors.Dimensions + 1)]
    public async Task EmbedAsync_VectorOfAnotherSizeThanTheModelStates_Throws(int length)
    {
        var generator = new FakeEmbeddingGenerator("m", 4, texts => texts.Select(_ => FakeEmbeddingGenerator.Vector(length, 1)).ToArray());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Embedder(generator).EmbedAsync(["a"], Ct));

        Assert.Contains($"answered {length} numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ModelWiderThanTheColumn_ThrowsNamingTheSetting()
    {
        var generator = new FakeEmbeddingGenerator("wide", 1536, _ => []);

        var error = Assert.Throws<InvalidOperationException>(() => Embedder(generator));

        Assert.Equal(
            "Embeddings: model 'wide' makes 1536-dimensional vectors; the catalog column holds 512. Set Embeddings:Dimensions to 512 or less, or choose another model.",
            error.Message);
    }

    [Fact]
    public async Task EmbedAsync_CountsTextsAndTimesEachBatch()
    {
        var metrics = TestMetrics.Create();
        var embedder = new TextEmbedder(FakeEmbeddingGenerator.Counting(), Options.Create(new EmbeddingOptions { BatchSize = 2 }), metrics);
        long texts = 0;
        var durations = new List<(double Seconds, string? Result)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, metrics.EmbeddedTexts) || ReferenceEquals(instrument, metrics.EmbeddingDuration))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref texts, value));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    result = tag.Value as string;
                }
            }

            lock (durations)
            {
                durations.Add((value, result));
            }
        });
        listener.Start();

        await embedder.EmbedAsync(["a", "b", "c"], Ct);

        Assert.Equal(3, texts);
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal("ok", d.Result));
    }
}
