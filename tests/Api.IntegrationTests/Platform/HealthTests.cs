using System.Net;
using System.Text.Json;
using MediaGateway.TestSupport;
using Npgsql;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>
/// The API reaches Postgres and Redis through loopback proxies here, so the test can stop and restart
/// "the server" on the same port without disturbing the shared services other classes use.
/// </summary>
public sealed class HealthTests(HealthTests.ProxiedApiFactory api) : IClassFixture<HealthTests.ProxiedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public class ProxiedApiFactory : ApiFactory
    {
        public TcpProxy PostgresProxy { get; private set; } = null!;

        public TcpProxy RedisProxy { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var postgres = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            PostgresProxy = new TcpProxy(postgres.Host!, postgres.Port);
            postgres.Host = "127.0.0.1";
            postgres.Port = PostgresProxy.Port;
            PostgresConnectionString = postgres.ConnectionString;

            var redis = StackExchange.Redis.ConfigurationOptions.Parse(RedisConnectionString);
            RedisProxy = redis.EndPoints.Single() switch
            {
                System.Net.IPEndPoint ip => new TcpProxy(ip.Address.ToString(), ip.Port),
                System.Net.DnsEndPoint dns => new TcpProxy(dns.Host, dns.Port),
                var other => throw new InvalidOperationException($"Unexpected Redis endpoint {other}"),
            };
            RedisConnectionString = $"127.0.0.1:{RedisProxy.Port}";
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (PostgresProxy is not null)
            {
                await PostgresProxy.DisposeAsync();
            }

            if (RedisProxy is not null)
            {
                await RedisProxy.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Live_IsAnonymousAndUp()
    {
        var response = await api.CreateClient().GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_ShowsRedisDegraded_AndGoesUnavailableWhenPostgresStops_AndRecovers()
    {
        var client = api.CreateClient();
        await WaitForReadyAsync(client, HttpStatusCode.OK);

        // Redis is an accelerator: without it the service is still ready, with Redis listed as degraded.
        api.RedisProxy.Stop();
        var redisDown = await WaitForReadyAsync(client, HttpStatusCode.OK, body => Degraded(body).Length > 0);
        Assert.Equal(["redis"], Degraded(redisDown));
        Assert.Empty(Failing(redisDown));
        Assert.Equal("Degraded", redisDown.GetProperty("status").GetString());
        api.RedisProxy.Start();
        var redisBack = await WaitForReadyAsync(client, HttpStatusCode.OK, body => Degraded(body).Length == 0);
        Assert.Equal("Healthy", redisBack.GetProperty("status").GetString());

        api.PostgresProxy.Stop();
        var postgresDown = await WaitForReadyAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(["postgres"], Failing(postgresDown));
        api.PostgresProxy.Start();
        await WaitForReadyAsync(client, HttpStatusCode.OK);
    }

    private static string[] Failing(JsonElement body) =>
        body.GetProperty("failing").EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[] Degraded(JsonElement body) =>
        body.GetProperty("degraded").EnumerateArray().Select(e => e.GetString()!).ToArray();

    // Redis notices a cut connection within a heartbeat, and reconnects within a few; poll, never sleep blindly.
    private static async Task<JsonElement> WaitForReadyAsync(HttpClient client, HttpStatusCode expected, Func<JsonElement, bool>? until = null)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/health/ready", Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (response.StatusCode == expected && (until is null || until(body)))
            {
                return body;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline,
                $"/health/ready stayed {(int)response.StatusCode} ({body}); expected {(int)expected}");
            await Task.Delay(200, Ct);
        }
    }
}
