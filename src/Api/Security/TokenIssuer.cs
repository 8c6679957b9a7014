using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaGateway.Api.Security;

/// <summary>Signs tokens the way the API validates them. Used by the `token` command and by tests.</summary>
public static class TokenIssuer
{
    public static string Issue(
        AuthOptions options, string userId, string tenantId, IEnumerable<string> roles, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, userId), new(ClaimNames.Tenant, tenantId) };
        claims.AddRange(roles.Select(role => new Claim(ClaimNames.Role, role)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
