using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.EntityResolution;

/// <summary>Entity mapping cache settings (section "EntityResolution:Cache").</summary>
public sealed class EntityCacheOptions
{
    public const string SectionName = "EntityResolution:Cache";

    /// <summary>Most mappings held in process (L1); the least recently added are evicted beyond it.</summary>
    [Range(100, 10_000_000)]
    public int L1MaxEntries { get; set; } = 10_000;

    [Range(1, 86_400)]
    public int L1ExpirationSeconds { get; set; } = 3600;

    /// <summary>Lifetime of a mapping in Redis (L2), shared by every instance.</summary>
    [Range(1, 30 * 86_400)]
    public int L2ExpirationSeconds { get; set; } = 86_400;

    /// <summary>Mappings loaded into L1 at start-up, newest first; 0 turns warm-up off.</summary>
    [Range(0, 10_000_000)]
    public int WarmupCount { get; set; } = 10_000;

    /// <summary>Readiness waits at most this long for warm-up; warm-up goes on in the background after it.</summary>
    [Range(0, 600_000)]
    public int WarmupBudgetMilliseconds { get; set; } = 2000;

    /// <summary>How often each instance re-reads mappings whose updated_at moved, so its L1 follows other instances' writes.</summary>
    [Range(1, 3600)]
    public int RefreshIntervalSeconds { get; set; } = 30;
}
