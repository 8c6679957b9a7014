using System.Net.Http.Headers;
using MediaGateway.Api.IntegrationTests.Contract;
using MediaGateway.Api.Security;
using MediaGateway.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests;

/// <summary>
/// The real API in process, over a scratch database migrated with the production migrations and a Redis key
/// prefix of its own. One per test class (IClassFixture), so classes never share rows.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings = [];

    public TestDatabase Database { get; private set; } = null!;

    public string PostgresConnectionString { get; protected set; } = "";

    public string RedisConnectionString { get; protected set; } = "";

    /// <summary>Instances created by <see cref="NewInstance"/> share it, as API instances behind one load balancer do.</summary>
    public string RedisKeyPrefix { get; } = RedisTestPrefix.New();

    public static AuthOptions Auth => new() { SigningKey = SigningKey };

    public virtual async ValueTask InitializeAsync()
    {
        var services = await BackingServices.GetAsync();
        Database = await TestDatabase.CreateAsync();
        PostgresConnectionString = Database.ConnectionString;
        RedisConnectionString = services.Redis;
    }

    /// <summary>Overrides one configuration value before the host starts.</summary>
    public void Set(string key, string? value) => _settings[key] = value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Every response of every test is checked against the OpenAPI document (OpenApiContractTests).
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ObservedResponses.StartupFilter>());
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = PostgresConnectionString,
                ["ConnectionStrings:Redis"] = RedisConnectionString,
                ["Redis:KeyPrefix"] = RedisKeyPrefix,
                ["Auth:SigningKey"] = SigningKey,
            }.Concat(_settings)));
    }

    /// <summary>
    /// Another API instance over the same database and Redis (a second node, or this one after a restart).
    /// The caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> NewInstance() => new InstanceFactory(this);

    private sealed class InstanceFactory(ApiFactory source) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => source.ConfigureWebHost(builder);
    }

    /// <summary>A client that calls as <paramref name="userId"/> of <paramref name="tenantId"/>.</summary>
    public HttpClient ClientFor(string userId, string tenantId = "tenant-a", params string[] roles) =>
        Authorize(CreateClient(), userId, tenantId, roles);

    public static HttpClient Authorize(HttpClient client, string userId, string tenantId = "tenant-a", params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TokenIssuer.Issue(Auth, userId, tenantId, roles, TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1)));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
