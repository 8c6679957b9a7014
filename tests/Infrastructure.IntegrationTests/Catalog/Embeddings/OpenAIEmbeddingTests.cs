using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Catalog.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Catalog.Embeddings;

/// <summary>
/// The OpenAI-compatible provider against a small server of the test's own on 127.0.0.1, composed by
/// <see cref="EmbeddingsModule.AddEmbeddings"/> as the service composes it; the start-up checks run in a real host.
/// </summary>
public sealed class OpenAIEmbeddingTests : IAsyncLifetime
{
    private const string Model = "text-embed-test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeEmbeddingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeEmbeddingServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EmbedAsync_AsksForTheModelAt512DimensionsWithEveryText()
    {
        await using var services = Services();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        string[] texts = ["first", "second", "third"];

        var vectors = await embedder.EmbedAsync(texts, Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(Model, request.Model);
        Assert.Equal(512, request.Dimensions);
        Assert.Equal(texts, request.Inputs);
        Assert.Equal("base64", request.EncodingFormat);   // what the OpenAI SDK asks for; the server answers in kind
        Assert.Equal("Bearer unused", request.Authorization);
        Assert.Equal($"{Model}/512", embedder.ModelId);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(Normalized(FakeEmbeddingServer.VectorFor(texts[i], 512)), vectors[i]);
        }
    }

    [Fact]
    public async Task EmbedAsync_ServerAnswersOutOfOrder_EachVectorStaysWithItsText()
    {
        _server.Reversed = true;
        await using var services = Services();
        string[] texts = ["alpha", "beta", "gamma", "delta"];

        var vectors = await services.GetRequiredService<ITextEmbedder>().EmbedAsync(texts, Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(Normalized(FakeEmbeddingServer.VectorFor(texts[i], 512)), vectors[i]);
        }
    }

    [Fact]
    public async Task EmbedAsync_MoreTextsThanABatch_SendsOneRequestPerBatch()
    {
        await using var services = Services(new() { ["Embeddings:BatchSize"] = "2", ["Embeddings:ApiKey"] = "sk-test" });
        var texts = Enumerable.Range(0, 5).Select(i => $"text {i}").ToList();

        var vectors = await services.GetRequiredService<ITextEmbedder>().EmbedAsync(texts, Ct);

        Assert.Equal([2, 2, 1], _server.Requests.Select(r => r.Inputs.Count));
        Assert.Equal(texts, _server.Requests.SelectMany(r => r.Inputs));
        Assert.All(_server.Requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        Assert.Equal(Normalized(FakeEmbeddingServer.VectorFor("text 4", 512)), vectors[4]);
    }

    [Fact]
    public async Task EmbedAsync_SmallerConfiguredSize_IsAskedAndPadded()
    {
        await using var services = Services(new() { ["Embeddings:Dimensions"] = "256" });
        var embedder = services.GetRequiredService<ITextEmbedder>();

        var vector = (await embedder.EmbedAsync(["short"], Ct))[0];

        Assert.Equal(256, Assert.Single(_server.Requests).Dimensions);
        Assert.Equal($"{Model}/256", embedder.ModelId);
        Assert.Equal(CatalogVectors.Dimensions, vector.Length);
        Assert.All(vector[256..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task StartAsync_ServerAnswersTheConfiguredSize_Starts()
    {
        using var host = Host();

        await host.StartAsync(Ct);

        var probe = Assert.Single(_server.Requests);
        Assert.Equal(512, probe.Dimensions);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task StartAsync_ServerAnswers1536Dimensions_FailsNamingTheSetting()
    {
        _server.AnswerDimensions = _ => 1536;   // a server that ignores `dimensions`
        using var host = Host();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Equal(
            $"Embeddings: model '{Model}' makes 1536-dimensional vectors; the catalog column holds 512. Set Embeddings:Dimensions to 512 or less, or choose another model.",
            error.Message);
    }

    [Fact]
    public async Task StartAsync_ConfiguredDimensionsAbove512_FailsNamingTheSetting()
    {
        using var host = Host(new() { ["Embeddings:Dimensions"] = "1536" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Equal(
            $"Embeddings: model '{Model}' is asked for 1536-dimensional vectors; the catalog column holds 512. Set Embeddings:Dimensions to 512 or less, or choose another model.",
            error.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task StartAsync_ServerAnswersAnotherSizeThanConfigured_FailsNamingTheSetting()
    {
        _server.AnswerDimensions = _ => 384;
        using var host = Host();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Equal(
            $"Embeddings: model '{Model}' answered 384-dimensional vectors, but Embeddings:Dimensions is 512 (the server ignores the requested size). " +
            "Set Embeddings:Dimensions to 384, or choose another model.",
            error.Message);
    }

    [Fact]
    public async Task StartAsync_ServerRefusesTheKey_FailsNamingTheSettings()
    {
        _server.FailWith = 401;
        using var host = Host();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embeddings:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ServerDown_StartsAnyway()
    {
        var endpoint = _server.Endpoint;
        await _server.DisposeAsync();   // nothing listens there now
        using var host = Host(new() { ["Embeddings:Endpoint"] = endpoint.ToString(), ["Embeddings:TimeoutSeconds"] = "2" });

        await host.StartAsync(Ct);

        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task StartAsync_MiniLm_StartsWithoutLoadingTheModel()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging().AddEmbeddings(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(Ct);

        var generator = Assert.IsType<MiniLmEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.False(generator.IsLoaded);
        Assert.Equal("all-MiniLM-L6-v2/384", host.Services.GetRequiredService<ITextEmbedder>().ModelId);
        await host.StopAsync(Ct);
    }

    [Theory]
    [InlineData("MiniLM", "bge-small-en", null, "runs all-MiniLM-L6-v2 only")]
    [InlineData("OpenAI", null, "http://127.0.0.1:9/v1", "Embeddings:Model is required")]
    [InlineData("OpenAI", "m", "not-a-url", "is not an absolute http(s) address")]
    [InlineData("OpenAI", "m", null, "Embeddings:ApiKey is required for OpenAI's own service")]
    public async Task StartAsync_InconsistentSettings_FailNamingTheSetting(string provider, string? model, string? endpoint, string expected)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = provider,
            ["Embeddings:Model"] = model,
            ["Embeddings:Endpoint"] = endpoint,
        });
        builder.Services.AddLogging().AddEmbeddings(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = _server.Endpoint.ToString(),
            ["Embeddings:Model"] = Model,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private ServiceProvider Services(Dictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(overrides)).Build();
        return new ServiceCollection().AddLogging().AddEmbeddings(configuration).BuildServiceProvider();
    }

    private IHost Host(Dictionary<string, string?>? overrides = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Settings(overrides));
        builder.Services.AddLogging().AddEmbeddings(builder.Configuration);
        return builder.Build();
    }

    private static float[] Normalized(float[] vector)
    {
        var scale = 1 / Math.Sqrt(vector.Sum(v => (double)v * v));
        var column = new float[CatalogVectors.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            column[i] = (float)(vector[i] * scale);
        }

        return column;
    }
}
