using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>Postgres pool and start-up settings (section "Database"); defaults from spec 001 §2.2.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [Range(1, 1000)]
    public int MaxConnections { get; set; } = 20;

    [Range(0, 1000)]
    public int MinConnections { get; set; } = 5;

    /// <summary>How long a caller waits for a pooled connection before failing.</summary>
    [Range(1, 300)]
    public int AcquireTimeoutSeconds { get; set; } = 3;

    [Range(1, 86_400)]
    public int IdleTimeoutSeconds { get; set; } = 600;

    [Range(1, 86_400)]
    public int MaxLifetimeSeconds { get; set; } = 1800;

    /// <summary>Retries of a transient failure, with exponential backoff from <see cref="RetryBaseDelayMilliseconds"/>.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 200;

    /// <summary>
    /// Reset session state (DISCARD ALL) when a connection returns to the pool. Off: the service keeps no session
    /// state (tenant scoping is in every statement, not in session variables), and the reset cost Postgres about
    /// 70 us per query on the reference machine and threw away prepared statements (docs/benchmarks.md).
    /// </summary>
    public bool ResetOnClose { get; set; }

    /// <summary>Statements Npgsql prepares automatically per connection after a few uses; 0 turns it off.</summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>Development only: apply pending migrations when the service starts. The run script migrates first instead.</summary>
    public bool ApplyMigrationsOnStartup { get; set; }
}
