using System.ComponentModel.DataAnnotations;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync;

/// <summary>Sync settings (section "Sync").</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>A device timestamp further ahead of the server's clock than this is rejected.</summary>
    [Range(1, 3600)]
    public int MaxClockDriftSeconds { get; set; } = 60;

    [Range(0, 100)]
    public double MinResumePercent { get; set; } = 5;

    [Range(0, 100)]
    public double CompletedPercent { get; set; } = 90;

    [Range(0, 86_400)]
    public int MinResumeDurationSeconds { get; set; } = 300;

    /// <summary>Operations accepted in one sync.</summary>
    [Range(1, 10_000)]
    public int MaxOperationsPerSync { get; set; } = 1000;

    /// <summary>
    /// Tags one <c>watchlist.remove</c> may name. A device names the tags it saw for one title, and an add replaces the
    /// tags its device saw, so a title has about one live tag per device that added it.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxTagsPerOperation { get; set; } = 100;

    /// <summary>Tags one sync may name in all (one per add, those of each remove): each can leave a row until it is collected.</summary>
    [Range(1, 100_000)]
    public int MaxTagsPerSync { get; set; } = 5000;

    /// <summary>Titles a user's watchlist may hold; adding another title beyond it is a 409.</summary>
    [Range(1, 1_000_000)]
    public int MaxWatchlistItems { get; set; } = 5000;

    /// <summary>
    /// An open <c>GET /sync/events</c> stream gets a comment line at once and then this often, so clients and proxies
    /// see a live stream (and drop a dead one) even while nothing changes.
    /// </summary>
    [Range(1, 3600)]
    public int EventsHeartbeatSeconds { get; set; } = 15;

    /// <summary>A device with no heartbeat for this long is marked offline by the maintenance sweep.</summary>
    [Range(1, 86_400)]
    public int StaleDeviceSeconds { get; set; } = 300;

    /// <summary>Tombstones go once every registered device has synced past them, or after this many days regardless.</summary>
    [Range(1, 3650)]
    public int TombstoneRetentionDays { get; set; } = 30;

    /// <summary>How often the maintenance sweep runs.</summary>
    [Range(1, 86_400)]
    public int MaintenanceIntervalSeconds { get; set; } = 60;

    public ResumeRules ResumeRules => new(MinResumePercent, CompletedPercent, MinResumeDurationSeconds);
}
