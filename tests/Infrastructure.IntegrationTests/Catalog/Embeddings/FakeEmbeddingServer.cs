using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MediaGateway.Infrastructure.IntegrationTests.Catalog.Embeddings;

/// <summary>
/// A small OpenAI-compatible embeddings server on 127.0.0.1 (a free port): POST /v1/embeddings with
/// {model, input: [...], dimensions, encoding_format} answers {object: "list", data: [{object: "embedding", index,
/// embedding}], model, usage}, the vectors as float arrays or base64 of little-endian float32, as asked. Each text's
/// vector is <see cref="VectorFor"/>, so a test knows which vector belongs to which text. It records every request.
/// </summary>
internal sealed class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();

    private FakeEmbeddingServer(WebApplication app) => _app = app;

    /// <summary>What the server was sent: the parsed body and the Authorization header.</summary>
    public sealed record Request(JsonObject Body, string? Authorization)
    {
        public string? Model => Body["model"]?.GetValue<string>();

        public int? Dimensions => Body["dimensions"]?.GetValue<int>();

        public string? EncodingFormat => Body["encoding_format"]?.GetValue<string>();

        public IReadOnlyList<string> Inputs => Body["input"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
    }

    /// <summary>The base address to configure as Embeddings:Endpoint, e.g. http://127.0.0.1:41234/v1.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>Vector size of the answers, given the requested one (null when the request named none). Default: as asked, else 1536.</summary>
    public Func<int?, int> AnswerDimensions { get; set; } = requested => requested ?? 1536;

    /// <summary>Answer the data items last input first (each still carrying its index).</summary>
    public bool Reversed { get; set; }

    /// <summary>When set, every request gets this status and an OpenAI-style error body.</summary>
    public int? FailWith { get; set; }

    public static async Task<FakeEmbeddingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = new Uri($"{app.Urls.Single()}/v1");   // the port Kestrel bound
        return server;
    }

    /// <summary>The vector the server answers for <paramref name="text"/>: 1 in the first place, 2 in one place chosen by the text.</summary>
    public static float[] VectorFor(string text, int dimensions)
    {
        var hash = 2166136261u;   // FNV-1a: stable across runs, unlike string.GetHashCode
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var vector = new float[dimensions];
        vector[0] = 1;
        vector[1 + (int)(hash % (uint)(dimensions - 1))] += 2;
        return vector;
    }

    private async Task<IResult> HandleAsync(HttpRequest http)
    {
        var body = (await JsonNode.ParseAsync(http.Body, cancellationToken: http.HttpContext.RequestAborted))!.AsObject();
        var request = new Request(body, http.Headers.Authorization.ToString());
        _requests.Enqueue(request);
        if (FailWith is { } status)
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = "refused by the test", ["type"] = "invalid_request_error" } }, statusCode: status);
        }

        var dimensions = AnswerDimensions(request.Dimensions);
        var base64 = request.EncodingFormat == "base64";
        var items = request.Inputs.Select((text, index) => new JsonObject
        {
            ["object"] = "embedding",
            ["index"] = index,
            ["embedding"] = Encode(VectorFor(text, dimensions), base64),
        }).ToList();
        if (Reversed)
        {
            items.Reverse();
        }

        return Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. items]),
            ["model"] = request.Model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = request.Inputs.Count, ["total_tokens"] = request.Inputs.Count },
        });
    }

    private static JsonNode Encode(float[] vector, bool base64)
    {
        if (!base64)
        {
            return new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        var bytes = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The base64 encoding is little-endian float32.");
        }

        return JsonValue.Create(Convert.ToBase64String(bytes));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
