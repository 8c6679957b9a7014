using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Platform.Redis;

/// <summary>Redis client settings (section "Redis"). Short timeouts: Redis is an accelerator, never a reason to fail.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    [Range(100, 60_000)]
    public int ConnectTimeoutMilliseconds { get; set; } = 2000;

    [Range(10, 60_000)]
    public int OperationTimeoutMilliseconds { get; set; } = 500;

    /// <summary>Prefix of every key this service writes, so several deployments or test runs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "mg:v1:";
}
