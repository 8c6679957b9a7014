using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Platform.Caching;

/// <summary>How the tiered cache treats Redis, its L2 (section "Cache"). Each named cache's sizes and lifetimes are its feature's settings.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Longest an L2 call may take before the cache answers from L1 or the source instead.</summary>
    [Range(1, 10_000)]
    public int L2TimeoutMilliseconds { get; set; } = 250;

    /// <summary>Consecutive L2 faults that open the circuit: then L2 is not called at all for <see cref="BreakSeconds"/>.</summary>
    [Range(1, 1000)]
    public int FailuresToBreak { get; set; } = 3;

    /// <summary>Pause before one trial call tells whether Redis is back.</summary>
    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 5;
}

/// <summary>One named cache's settings: an L1 of its own, bounded by entries, and default lifetimes per tier.</summary>
public sealed record NamedCacheSettings(int L1MaxEntries, TimeSpan L1Expiration, TimeSpan L2Expiration);
