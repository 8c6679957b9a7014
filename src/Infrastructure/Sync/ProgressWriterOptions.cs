using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Sync;

/// <summary>The progress group-commit writer (section "ProgressWriter").</summary>
public sealed class ProgressWriterOptions
{
    public const string SectionName = "ProgressWriter";

    /// <summary>Writes flushed in one statement at most.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// How long a flusher waits for more writes after the first one. 0 (the default) is classic group commit:
    /// flush what is queued as soon as the flusher is free, so batches grow by themselves under load while a
    /// lone write is not held back. Measured on the reference machine: a 1 ms window cost 2.7 ms per request
    /// (timers fire coarsely) and lowered throughput (docs/benchmarks.md).
    /// </summary>
    [Range(0, 1000)]
    public double MaxDelayMilliseconds { get; set; }

    /// <summary>Writes waiting at most; beyond this, callers wait for room (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Flushes in flight at once, each on its own pooled connection. One is the default: concurrent batches
    /// touching the same users wait on each other's row locks, which raised p99 from 9 ms to 13-30 ms in the
    /// benchmark; a second flusher only pays off when writes are spread over far more users.
    /// </summary>
    [Range(1, 16)]
    public int Flushers { get; set; } = 1;
}
