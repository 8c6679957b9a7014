using System.Diagnostics;
using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Catalog.Embeddings;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Catalog.Embeddings;

/// <summary>The in-process model, loaded once for the class (about 3-4 s), behind the port's adapter.</summary>
public sealed class MiniLmModel : IAsyncLifetime
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public TextEmbedder Embedder { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Embedder = new TextEmbedder(Generator, Options.Create(new EmbeddingOptions()), TestMetrics.Create());
        await Generator.GenerateAsync(["load the model"], cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Generator.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class MiniLmEmbeddingTests(MiniLmModel model) : IClassFixture<MiniLmModel>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Catalog =
    [
        "a detective hunts a serial killer in a rainy city",
        "police investigate a murder",
        "a cooking show about baking bread",
        "two astronauts are stranded on Mars and must find a way home",
        "a documentary about the wildlife of the Serengeti",
        "a romantic comedy set in Paris",
    ];

    [Fact]
    public void Metadata_NamesTheModelAndItsSize()
    {
        Assert.Equal("all-MiniLM-L6-v2", model.Generator.Metadata.DefaultModelId);
        Assert.Equal(384, model.Generator.Metadata.DefaultModelDimensions);
        Assert.Equal("all-MiniLM-L6-v2/384", model.Embedder.ModelId);
    }

    [Fact]
    public async Task EmbedAsync_RelatedTexts_AreNearerThanUnrelatedOnes()
    {
        var vectors = await model.Embedder.EmbedAsync(
            ["a detective hunts a serial killer in a rainy city", "police investigate a murder", "a cooking show about baking bread"], Ct);

        var related = Cosine(vectors[0], vectors[1]);
        var unrelated = Cosine(vectors[0], vectors[2]);
        Assert.True(related > unrelated + 0.1, $"related {related:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task EmbedAsync_Vectors_FillTheColumnWithAZeroTailAndUnitLength()
    {
        var vectors = await model.Embedder.EmbedAsync(Catalog, Ct);

        Assert.All(vectors, vector =>
        {
            Assert.Equal(CatalogVectors.Dimensions, vector.Length);
            Assert.All(vector[MiniLmEmbeddingGenerator.Dimensions..], v => Assert.Equal(0f, v));
            Assert.Contains(vector[..MiniLmEmbeddingGenerator.Dimensions], v => v != 0);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 5);
        });
    }

    [Fact]
    public async Task EmbedAsync_SameText_SameVector()
    {
        var first = await model.Embedder.EmbedAsync([Catalog[0]], Ct);
        var second = await model.Embedder.EmbedAsync([Catalog[0], Catalog[0]], Ct);

        Assert.Equal(first[0], second[0]);
        Assert.Equal(first[0], second[1]);
    }

    // 24 texts: long enough for the generator to split the call across cores.
    [Fact]
    public async Task EmbedAsync_Batch_EqualsSingles()
    {
        var texts = Enumerable.Range(0, 24).Select(i => i < Catalog.Length ? Catalog[i] : $"{Catalog[i % Catalog.Length]}, part {i / Catalog.Length}").ToArray();

        var batch = await model.Embedder.EmbedAsync(texts, Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = (await model.Embedder.EmbedAsync([texts[i]], Ct))[0];
            Assert.True(MaxDifference(batch[i], single) < 1e-5f, $"text {i} differs by {MaxDifference(batch[i], single)}");
        }
    }

    [Fact]
    public async Task EmbedAsync_EmptyAndLongTexts_GiveUsableVectors()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 200));   // about 1,800 word pieces

        var vectors = await model.Embedder.EmbedAsync(["", "   ", longText], Ct);

        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5));
    }

    // SentenceEncoder keeps no per-call state in fields and ONNX Runtime allows concurrent runs on one session:
    // concurrent calls of mixed sizes must give the serial answers exactly.
    [Fact]
    public async Task GenerateAsync_ConcurrentCalls_GiveTheSerialVectors()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"{Catalog[i % Catalog.Length]} {string.Join(' ', Enumerable.Repeat("again", i))}").ToArray();
        var serial = new List<float[]>();
        foreach (var text in texts)
        {
            serial.Add((await model.Generator.GenerateAsync([text], cancellationToken: Ct))[0].Vector.ToArray());
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(k =>
            Task.Run(async () => await model.Generator.GenerateAsync(texts.Skip(k * 3).Take(3), cancellationToken: Ct), Ct)));

        var flattened = concurrent.SelectMany(g => g.Select(e => e.Vector.ToArray())).ToList();
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(MaxDifference(serial[i], flattened[i]) < 1e-5f, $"text {i} differs by {MaxDifference(serial[i], flattened[i])}");
        }
    }

    // The encoder stops a cancelled run through ONNX Runtime, which reports it as its own error; callers see a cancellation.
    [Fact]
    public async Task GenerateAsync_CancelledDuringTheRun_ThrowsOperationCanceled()
    {
        var longTexts = Enumerable.Range(0, 64).Select(i => string.Join(' ', Enumerable.Repeat($"{Catalog[i % Catalog.Length]} {i}", 30))).ToArray();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(longTexts, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_OtherSizeAsked_IsNotSupported()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            model.Generator.GenerateAsync(["x"], new Microsoft.Extensions.AI.EmbeddingGenerationOptions { Dimensions = 512 }, Ct));
    }

    // A measurement for the record (see the test output), not an assertion: the machine's load varies too much.
    [Fact]
    public async Task Throughput_SinglesAndBatchesOf64_AreReported()
    {
        var texts = Enumerable.Range(0, 256).Select(i => $"{Catalog[i % Catalog.Length]} (episode {i})").ToArray();
        await model.Embedder.EmbedAsync(texts[..64], Ct);

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < 64; i++)
        {
            await model.Embedder.EmbedAsync([texts[i]], Ct);
        }

        var single = 64 / Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < texts.Length; i += 64)
        {
            await model.Embedder.EmbedAsync(texts[i..(i + 64)], Ct);
        }

        var batched = texts.Length / Stopwatch.GetElapsedTime(started).TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"all-MiniLM-L6-v2 on {Environment.ProcessorCount} cores: {single:F0} texts/s one per call, {batched:F0} texts/s in batches of 64");
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(normA * normB);
    }

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max();
}
