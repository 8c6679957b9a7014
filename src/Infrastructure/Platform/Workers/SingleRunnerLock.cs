using System.Buffers.Binary;
using System.Data;
using System.Security.Cryptography;
using System.Text;
using MediaGateway.Infrastructure.Platform.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MediaGateway.Infrastructure.Platform.Workers;

/// <summary>
/// Leadership for a single-runner <see cref="PeriodicWorker"/>: a session-level Postgres advisory lock held on one
/// dedicated connection. The instance whose <c>pg_try_advisory_lock</c> succeeds keeps that connection, and with it
/// the lock, until it stops or the connection breaks; the server drops the lock with the session, so a leader that
/// crashed or lost its database holds nothing. The leader keeps that connection out of the data source's pool for as
/// long as it leads (one of Database:MaxConnections per single-runner worker). Called by the worker's loop only, never
/// concurrently.
/// </summary>
internal sealed class SingleRunnerLock(NpgsqlDataSource dataSource, string workerName, ILogger logger)
{
    // The lock statements are trivial: a server that needs longer than this is treated as gone.
    private const int CommandTimeoutSeconds = 5;

    private NpgsqlConnection? _connection;

    public long Key { get; } = KeyFor(workerName);

    public bool IsHeld => Volatile.Read(ref _connection) is not null;

    /// <summary>
    /// The advisory lock key of a worker: the first 8 bytes of SHA-256 over a fixed prefix and the name. Every process
    /// and every version computes the same key (string.GetHashCode is randomised per process), so instances of
    /// different builds still exclude each other during a rolling deploy.
    /// </summary>
    public static long KeyFor(string workerName) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("MediaGateway.PeriodicWorker:" + workerName)));

    /// <summary>
    /// Whether this instance runs the job at this tick: true while it holds the lock on a live connection, or when it
    /// takes the lock now. A leader whose connection broke gives up leadership and tries to take the lock again at once,
    /// competing with the other instances' ticks.
    /// </summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } held)
        {
            if (await IsAliveAsync(held, cancellationToken))
            {
                return true;
            }

            Volatile.Write(ref _connection, null);
            await CloseAsync(held);
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        bool taken;
        try
        {
            await using var command = LockCommand(connection, "pg_try_advisory_lock");
            taken = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch
        {
            // Interrupted after sending: the server may have granted the lock, so unlock (or destroy) before letting go.
            await CloseAsync(connection);
            throw;
        }

        if (!taken)
        {
            await connection.DisposeAsync();   // another instance leads; nothing is held, the connection goes back to the pool
            return false;
        }

        Volatile.Write(ref _connection, connection);
        logger.LogInformation("{Worker} is the single runner now (advisory lock {LockKey})", workerName, Key);
        return true;
    }

    /// <summary>Gives up leadership, if held: unlocks and closes the connection. Never throws.</summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is not { } held)
        {
            return;
        }

        await CloseAsync(held);
        logger.LogInformation("{Worker} released the single-runner lock", workerName);
    }

    private async Task<bool> IsAliveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = CommandTimeoutSeconds };
            await ping.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Worker} lost the single-runner lock: its connection failed ({Error}: {Message})",
                workerName, exception.GetType().Name, exception.Message);
            logger.LogDebug(exception, "{Worker} lock connection failure", workerName);
            return false;
        }
    }

    /// <summary>
    /// Unlocks and closes a connection that holds, or may hold, the lock. The pool does not reset sessions
    /// (DatabaseOptions.ResetOnClose is off), so a connection returned with the lock would keep it for whoever
    /// borrows it next: when the unlock fails on a connection that is still open, the pool is cleared so that this
    /// connection is destroyed, not reused, and the server drops the lock with its session.
    /// </summary>
    private async Task CloseAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                await using var unlock = LockCommand(connection, "pg_advisory_unlock");
                await unlock.ExecuteScalarAsync(CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "{Worker} could not unlock; closing the connection instead", workerName);
            dataSource.Clear();
        }

        await connection.DisposeAsync();
    }

    /// <summary><c>SELECT function($1)</c> on this worker's key: the try-lock or the unlock.</summary>
    private NpgsqlCommand LockCommand(NpgsqlConnection connection, string function)
    {
        var command = new NpgsqlCommand($"SELECT {function}($1)", connection) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.AddValue(Key);
        return command;
    }
}
