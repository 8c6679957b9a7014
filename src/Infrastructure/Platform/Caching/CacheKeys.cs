using System.Text;

namespace MediaGateway.Infrastructure.Platform.Caching;

/// <summary>
/// The one key scheme of every cache: version, tenant, cache name, key, as <c>v1:{tenant}:name:key</c>. The tenant
/// is escaped so it holds no brace, colon or percent: no tenant id can end its part early and forge another
/// tenant's key, and the braces make it a Redis Cluster hash tag, so one tenant's keys share a slot.
/// </summary>
public static class CacheKeys
{
    /// <summary>Raised when the layout of keys or cached values changes, so old entries are never read as new ones.</summary>
    public const string Version = "v1";

    public static string For(string tenantId, string cacheName, string key) => Scope(tenantId, cacheName) + key;

    /// <summary>A tag scoped to one tenant and cache, so invalidating it never reaches another tenant's entries.</summary>
    public static string Tag(string tenantId, string cacheName, string tag) => Scope(tenantId, cacheName) + "tag:" + tag;

    /// <summary>What every key and tag of one tenant's named cache starts with: <c>v1:{tenant}:name:</c>.</summary>
    internal static string Scope(string tenantId, string cacheName) => $"{Version}:{{{EscapeTenant(tenantId)}}}:{cacheName}:";

    /// <summary>
    /// The <see cref="Scope"/> of a key or tag made by <see cref="For"/> or <see cref="Tag"/>: the tenant part ends at
    /// the first '}' (an escaped tenant has none), the cache name at the next ':' (a cache name has none).
    /// </summary>
    internal static string ScopeOf(string keyOrTag)
    {
        var nameStart = keyOrTag.IndexOf('}', StringComparison.Ordinal) + 2;
        return keyOrTag[..(keyOrTag.IndexOf(':', nameStart) + 1)];
    }

    internal static string EscapeTenant(string tenantId)
    {
        if (tenantId.AsSpan().IndexOfAny("%{}:") < 0)
        {
            return tenantId;
        }

        var escaped = new StringBuilder(tenantId.Length + 8);
        foreach (var c in tenantId)
        {
            escaped.Append(c switch
            {
                '%' => "%25",
                '{' => "%7B",
                '}' => "%7D",
                ':' => "%3A",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
