using System.Net.Http.Headers;
using MediaGateway.Api.Security;
using MediaGateway.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

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
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = PostgresConnectionString,
                ["ConnectionStrings:Redis"] = RedisConnectionString,
                ["Redis:KeyPrefix"] = RedisTestPrefix.New(),
                ["Auth:SigningKey"] = SigningKey,
            }.Concat(_settings)));
    }

    /// <summary>A client that calls as <paramref name="userId"/> of <paramref name="tenantId"/>.</summary>
    public HttpClient ClientFor(string userId, string tenantId = "tenant-a", params string[] roles)
    {
        var client = CreateClient();
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
