using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// One operation of the OpenAPI document, and a request for it that passes validation: path and header parameters
/// from <see cref="SampleValues"/>, the body from the request schema's example (so the examples are checked too).
/// </summary>
public sealed record DocumentOperation(string OperationId, string Method, string Path, JsonElement Operation, JsonElement Document)
{
    /// <summary>Values for parameters by name; optional parameters not listed here are left out.</summary>
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["deviceId"] = "tv-1",
        ["contentId"] = "movie-42",
        ["entityId"] = "0193a4c2-7d1e-7b3a-9f10-2c4d5e6f7a8b",
        ["X-Device-Id"] = "tv-1",
        ["type"] = "imdb",         // Lookup
        ["value"] = "tt0111161",   // Lookup
    };

    public static async Task<IReadOnlyList<DocumentOperation>> AllAsync(HttpClient client)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => new DocumentOperation(
                operation.Value.GetProperty("operationId").GetString()!, operation.Name.ToUpperInvariant(), path.Name, operation.Value, document)))
            .ToList();
    }

    public bool Declares(int status) => Operation.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _);

    public bool HasBody => Operation.TryGetProperty("requestBody", out _);

    /// <summary>The example of the request body's schema; null when the operation takes no body.</summary>
    public string? ExampleBody
    {
        get
        {
            if (!HasBody)
            {
                return null;
            }

            var schema = Operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var name = schema.GetProperty("$ref").GetString()!.Split('/')[^1];
            var component = Document.GetProperty("components").GetProperty("schemas").GetProperty(name);
            return component.TryGetProperty("examples", out var examples) ? examples[0].GetRawText() : null;
        }
    }

    public override string ToString() => $"{OperationId} ({Method} {Path})";

    /// <summary>A request with every listed parameter filled in; <paramref name="body"/> defaults to the example.</summary>
    public HttpRequestMessage Request(HttpContent? body = null, Func<string, string?>? parameterValue = null)
    {
        var values = parameterValue ?? (name => SampleValues.GetValueOrDefault(name));
        var path = Path;
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in Operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var name = parameter.GetProperty("name").GetString()!;
            if (values(name) is not { } value)
            {
                continue;
            }

            switch (parameter.GetProperty("in").GetString())
            {
                case "path": path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal); break;
                case "query": query.Add($"{name}={Uri.EscapeDataString(value)}"); break;
                case "header": headers.Add((name, value)); break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(Method), query.Count == 0 ? path : $"{path}?{string.Join('&', query)}")
        {
            Content = body ?? (ExampleBody is { } json ? new StringContent(json, Encoding.UTF8, "application/json") : null),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    public static HttpContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
