using System.Security.Claims;
using MediaGateway.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>A remembered validation must never accept what a fresh validation would refuse.</summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private static readonly AuthOptions Auth = ApiFactory.Auth;
    // Token validation reads the system clock, so these tests run on it too.
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly CachingJsonWebTokenHandler _handler;
    private readonly TokenValidationParameters _parameters;

    public CachingJsonWebTokenHandlerTests()
    {
        _handler = new CachingJsonWebTokenHandler { MapInboundClaims = false };
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Auth.Issuer,
            ValidAudience = Auth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Auth.SigningKeyBytes()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
        };
    }

    private string Issue(TimeSpan lifetime) =>
        TokenIssuer.Issue(Auth, "alice", "tenant-a", [Roles.Admin], _time.GetUtcNow(), lifetime);

    [Fact]
    public async Task RememberedToken_IsRefusedOnceItExpires()
    {
        // Issued an hour ago, expiring two to three seconds from now (expiry has whole-second precision): time
        // for both validations below on a busy machine, and a short wait after them.
        var token = TokenIssuer.Issue(Auth, "alice", "tenant-a", [], _time.GetUtcNow().AddHours(-1), TimeSpan.FromHours(1) + TimeSpan.FromSeconds(3));
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);

        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        await Task.Delay(expiresAt - _time.GetUtcNow() + TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

        var expired = await _handler.ValidateTokenAsync(token, _parameters);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
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
