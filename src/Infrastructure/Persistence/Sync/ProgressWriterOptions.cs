using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Persistence.Sync;

/// <summary>The progress group-commit writer (section "ProgressWriter").</summary>
public sealed class ProgressWriterOptions
{
    public const string SectionName = "ProgressWriter";

    /// <summary>Writes flushed in one statement at most.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How long a flusher waits for more writes after the first one; 0 flushes what is there at once.</summary>
    [Range(0, 1000)]
    public double MaxDelayMilliseconds { get; set; } = 1;

    /// <summary>Writes waiting at most; beyond this, callers wait for room (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Flushes in flight at once; each uses one pooled connection.</summary>
    [Range(1, 16)]
    public int Flushers { get; set; } = 2;
}
