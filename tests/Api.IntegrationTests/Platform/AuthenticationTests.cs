using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using MediaGateway.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.IntegrationTests.Platform;

public sealed class AuthenticationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Me_WithoutToken_Returns401Problem()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/me", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Me_WithValidToken_ReturnsCallerFromToken()
    {
        var response = await api.ClientFor("alice", "tenant-a", Roles.Admin).GetFromJsonAsync<CurrentUserResponse>("/api/v1/me", Ct);

        Assert.Equal(new[] { "alice", "tenant-a", "admin" }, new[] { response!.UserId, response.TenantId, response.Roles.Single() });
    }

    public static TheoryData<string> BadTokens()
    {
        var now = TimeProvider.System.GetUtcNow();
        var wrongKey = new AuthOptions { SigningKey = "another-key-of-enough-length-0123456789" };
        var wrongIssuer = new AuthOptions { SigningKey = ApiFactory.SigningKey, Issuer = "someone-else" };
        var wrongAudience = new AuthOptions { SigningKey = ApiFactory.SigningKey, Audience = "someone-else" };
        return new TheoryData<string>
        {
            TokenIssuer.Issue(wrongKey, "alice", "tenant-a", [], now, TimeSpan.FromHours(1)),
            TokenIssuer.Issue(wrongIssuer, "alice", "tenant-a", [], now, TimeSpan.FromHours(1)),
            TokenIssuer.Issue(wrongAudience, "alice", "tenant-a", [], now, TimeSpan.FromHours(1)),
            TokenIssuer.Issue(ApiFactory.Auth, "alice", "tenant-a", [], now.AddHours(-3), TimeSpan.FromHours(1)),
            TokenIssuer.Issue(ApiFactory.Auth, "alice", "", [], now, TimeSpan.FromHours(1)),
            TokenIssuer.Issue(ApiFactory.Auth, "", "tenant-a", [], now, TimeSpan.FromHours(1)),
            WithClaims(now, new Claim(ClaimNames.Subject, "alice")),
            WithClaims(now, new Claim(ClaimNames.Tenant, "tenant-a")),
            "not-a-jwt",
        };
    }

    /// <summary>
    /// A token signed as ours but built by hand, as another issuer could: only <paramref name="claims"/>, so a
    /// claim can be absent altogether (TokenIssuer always writes both, at worst empty).
    /// </summary>
    private static string WithClaims(DateTimeOffset now, params Claim[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiFactory.Auth.Issuer,
            Audience = ApiFactory.Auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(ApiFactory.Auth.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task TokenWithoutTenantClaim_IsRefusedByUserScopedEndpoints_NotGivenADefaultTenant()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", WithClaims(TimeProvider.System.GetUtcNow(), new Claim(ClaimNames.Subject, "tenantless")));
        client.DefaultRequestHeaders.Add("X-Device-Id", "tv");

        var put = await client.PutAsJsonAsync("/api/v1/progress/film", new { positionSeconds = 10, durationSeconds = 6000, state = "paused" }, Ct);
        var list = await client.GetAsync("/api/v1/progress", Ct);

        await put.ReadProblemAsync(HttpStatusCode.Unauthorized);
        await list.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Me_WithBadToken_Returns401(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/v1/me", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData()]
    [InlineData(Roles.Ingest)]
    public async Task AdminEndpoint_WithoutAdminRole_Returns403(params string[] roles)
    {
        var response = await api.ClientFor("bob", "tenant-a", roles).GetAsync("/api/v1/admin/database", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminEndpoint_WithAdminRole_ReportsMigrations()
    {
        var status = await api.ClientFor("root", "tenant-a", Roles.Admin)
            .GetFromJsonAsync<Application.Platform.DatabaseStatusDto>("/api/v1/admin/database", Ct);

        Assert.Empty(status!.PendingMigrations);
        Assert.Equal(status.AppliedMigrations[^1], status.CurrentMigration);
        Assert.Contains(status.AppliedMigrations, m => m.EndsWith("_EnableExtensions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminEndpoint_WithoutToken_Returns401NotForbidden()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/admin/database", Ct);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}
