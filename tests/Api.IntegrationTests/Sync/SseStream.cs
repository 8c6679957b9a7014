using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>An open <c>GET /sync/events</c> response read line by line, comments included (SseParser skips them).</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Opens the stream; returns once the headers have arrived.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("/api/v1/sync/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        return new SseStream(response, reader);
    }

    /// <summary>The next non-empty line: a comment (": …") or a field ("event: …", "data: …").</summary>
    public async Task<string> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("The event stream ended.");
            if (line.Length > 0)
            {
                return line;
            }
        }
    }

    /// <summary>The data of the next <c>change</c> event, skipping comments.</summary>
    public async Task<JsonElement> NextChangeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await NextLineAsync(cancellationToken) == "event: change")
            {
                var data = await NextLineAsync(cancellationToken);
                Assert.StartsWith("data: ", data, StringComparison.Ordinal);
                return JsonSerializer.Deserialize<JsonElement>(data["data: ".Length..]);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
