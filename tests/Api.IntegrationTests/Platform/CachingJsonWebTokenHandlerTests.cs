using System.Security.Claims;
using MediaGateway.Api.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>A remembered validation must never accept what a fresh validation would refuse.</summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private static readonly AuthOptions Auth = ApiFactory.Auth;
    // The handler's cache and the parameters' lifetime check both read this clock, as in the API, where both get
    // the registered TimeProvider. Its start (2000-01-01) is far from the system clock: any read of that would show.
    private readonly FakeTimeProvider _time = new();
    private readonly CachingJsonWebTokenHandler _handler;
    private readonly TokenValidationParameters _parameters;

    public CachingJsonWebTokenHandlerTests()
    {
        _handler = new CachingJsonWebTokenHandler(_time) { MapInboundClaims = false };
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Auth.Issuer,
            ValidAudience = Auth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Auth.SigningKeyBytes()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = TokenLifetime.On(_time),
        };
    }

    private string Issue(TimeSpan lifetime) =>
        TokenIssuer.Issue(Auth, "alice", "tenant-a", [Roles.Admin], _time.GetUtcNow(), lifetime);

    [Fact]
    public async Task RememberedToken_IsRefusedOnceItExpires()
    {
        var token = Issue(TimeSpan.FromHours(1));
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);

        // A second before expiry the remembered result still stands; a second after, it must be gone.
        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        _time.SetUtcNow(expiresAt.AddSeconds(-1));
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);
        _time.SetUtcNow(expiresAt.AddSeconds(1));

        var expired = await _handler.ValidateTokenAsync(token, _parameters);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task TokenNotYetValid_IsRefused_UntilTheClockReachesItsStart()
    {
        var token = TokenIssuer.Issue(Auth, "alice", "tenant-a", [], _time.GetUtcNow().AddMinutes(5), TimeSpan.FromHours(1));

        var early = await _handler.ValidateTokenAsync(token, _parameters);
        Assert.False(early.IsValid);
        Assert.IsType<SecurityTokenNotYetValidException>(early.Exception);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);
    }

    [Fact]
    public async Task ClockSkew_IsAllowedOnBothEnds_AndNoFurther()
    {
        var parameters = _parameters.Clone();
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        var token = TokenIssuer.Issue(Auth, "alice", "tenant-a", [], _time.GetUtcNow().AddSeconds(30), TimeSpan.FromMinutes(1));
        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);

        // A fresh handler each time: these are the lifetime rules, not the cache.
        Assert.True((await new CachingJsonWebTokenHandler(_time).ValidateTokenAsync(token, parameters)).IsValid);
        _time.SetUtcNow(expiresAt.AddSeconds(30));
        Assert.True((await new CachingJsonWebTokenHandler(_time).ValidateTokenAsync(token, parameters)).IsValid);
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = await new CachingJsonWebTokenHandler(_time).ValidateTokenAsync(token, parameters);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task LifetimeCheck_IsSkipped_WhenTheParametersTurnItOff()
    {
        var parameters = _parameters.Clone();
        parameters.ValidateLifetime = false;
        var token = TokenIssuer.Issue(Auth, "alice", "tenant-a", [], _time.GetUtcNow().AddHours(-2), TimeSpan.FromHours(1));

        Assert.True((await _handler.ValidateTokenAsync(token, parameters)).IsValid);
    }

    [Fact]
    public async Task TokenWithAlteredSignature_IsRefused_AfterTheGenuineOneWasRemembered()
    {
        var token = Issue(TimeSpan.FromHours(1));
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);
        // The signature's first character: all six of its bits count (the last one's low bits are padding).
        var signatureStart = token.LastIndexOf('.') + 1;
        var altered = token[signatureStart] == 'A' ? 'B' : 'A';

        var forged = await _handler.ValidateTokenAsync(token[..signatureStart] + altered + token[(signatureStart + 1)..], _parameters);

        Assert.False(forged.IsValid);
    }

    [Fact]
    public async Task EachValidation_GetsItsOwnIdentity_WithTheTokensClaims()
    {
        var token = Issue(TimeSpan.FromHours(1));
        var first = await _handler.ValidateTokenAsync(token, _parameters);
        first.ClaimsIdentity.AddClaim(new Claim(ClaimNames.Role, "injected"));

        var second = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.True(second.IsValid);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("alice", second.ClaimsIdentity.FindFirst(ClaimNames.Subject)?.Value);
        Assert.Equal([Roles.Admin], second.ClaimsIdentity.FindAll(ClaimNames.Role).Select(c => c.Value));
    }
}
