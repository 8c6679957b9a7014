namespace MediaGateway.Domain.Identity;

/// <summary>
/// Who is calling: a user inside a tenant. Every user-scoped row is keyed by both, and both come from
/// the caller's token, never from a path or body.
/// </summary>
public readonly record struct UserRef
{
    public const int MaxIdLength = 255;

    public UserRef(string tenantId, string userId)
    {
        TenantId = Require(tenantId, nameof(tenantId));
        UserId = Require(userId, nameof(userId));
    }

    public string TenantId { get; }

    public string UserId { get; }

    public override string ToString() => $"{TenantId}/{UserId}";

    private static string Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            throw new ArgumentException($"{name} must be 1 to {MaxIdLength} characters.", name);
        }

        return value;
    }
}
