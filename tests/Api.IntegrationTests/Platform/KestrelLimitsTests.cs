using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>The API behind real Kestrel on a free local port: what the in-memory test server does not enforce.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>
/// Body limits as Kestrel enforces them, and the responses Kestrel writes itself, before the app runs: those carry
/// a status and no body (docs/api-rules.md says which).
/// </summary>
public sealed class KestrelLimitsTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChunkedBodyAboveTheLimit_Is413Problem()
    {
        var client = api.ClientFor("chunked");
        var json = """{"deviceType":"TV"}""" + new string(' ', 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/devices/tv-1")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, Ct);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await client.GetFromJsonAsync<DeviceListResponse>("/api/v1/devices", Ct))!.Items);
    }

    [Fact]
    public async Task DeclaredBodyAboveTheLimit_Is413Problem()
    {
        var client = api.ClientFor("declared");
        var json = """{"deviceType":"TV"}""" + new string(' ', 1024 * 1024);

        var response = await client.PutAsync("/api/v1/devices/tv-1", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("GET /x HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", 400)]      // a header line without a colon
    [InlineData("NOT A REQUEST LINE\r\n\r\n", 400)]
    [InlineData("GET /api/v1/progress/a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n", 400)]   // a NUL in the path never reaches the app
    public async Task RequestKestrelRefusesBeforeTheApp_HasAStatusAndNoBody(string raw, int status)
    {
        var (code, headers, body) = await SendRawAsync(raw);

        Assert.Equal(status, code);
        Assert.Contains("Content-Length: 0", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(body);
    }

    [Fact]
    public async Task UrlAboveKestrelsRequestLineLimit_Is414WithNoBody()
    {
        var (code, _, body) = await SendRawAsync($"GET /api/v1/progress/{new string('x', 9000)} HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.Equal(414, code);
        Assert.Empty(body);
    }

    private async Task<(int Status, string Headers, string Body)> SendRawAsync(string raw)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Address.Host, api.Address.Port, Ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), Ct);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync(Ct);   // Kestrel closes the connection after a bad request
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[..split], response[(split + 4)..]);
    }
}
