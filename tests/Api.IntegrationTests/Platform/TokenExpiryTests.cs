using System.Net;
using System.Net.Http.Headers;
using MediaGateway.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>The API judges a token's lifetime on the registered <see cref="TimeProvider"/>, cache included.</summary>
public sealed class TokenExpiryTests(TokenExpiryTests.FakeClockApiFactory api) : IClassFixture<TokenExpiryTests.FakeClockApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The API with its clock replaced, starting far from the system clock (2000-01-01): a token valid
    /// on this clock is expired on the system's, so any lifetime check that read the system clock would show.</summary>
    public sealed class FakeClockApiFactory : ApiFactory
    {
        public FakeTimeProvider Time { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        }
    }

    [Fact]
    public async Task Token_IsAccepted_UntilTheRegisteredClockPassesItsExpiryAndSkew_ThenRefused()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TokenIssuer.Issue(ApiFactory.Auth, "alice", "tenant-a", [], api.Time.GetUtcNow(), TimeSpan.FromMinutes(10)));

        // Twice: the second is answered from the handler's cache.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);

        // Past its expiry the cache lets go, and the API's 30 s of clock skew still admits it.
        api.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);

        api.Time.Advance(TimeSpan.FromSeconds(2));
        var expired = await client.GetAsync("/api/v1/me", Ct);

        await expired.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("The token expired", expired.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }
}
