using System.Text;

namespace MediaGateway.Api.Security;

/// <summary>JWT settings (section "Auth"). HS256 with a shared key; no default key outside Development.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HS256 needs at least 256 bits of key.</summary>
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "media-gateway";

    public string Audience { get; set; } = "media-gateway";

    /// <summary>The HMAC key, as text (env <c>Auth__SigningKey</c>).</summary>
    public string? SigningKey { get; set; }

    public byte[] SigningKeyBytes() => Encoding.UTF8.GetBytes(SigningKey ?? "");
}
