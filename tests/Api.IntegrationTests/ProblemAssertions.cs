using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests;

internal static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 body with the given status and returns it for further checks.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.True(body.TryGetProperty("traceId", out _), "every problem carries a traceId");
        return body;
    }
}
