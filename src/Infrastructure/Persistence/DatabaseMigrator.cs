using MediaGateway.Application.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Persistence;

/// <summary>
/// Applies, lists and rolls back the EF Core migrations. Used by the `migrate` command (which the run script
/// calls before the service starts), by the development-only start-up flag, and by the admin status endpoint.
/// </summary>
public sealed class DatabaseMigrator(MediaGatewayDbContext db, NpgsqlDataSource dataSource) : IDatabaseStatusReader
{
    /// <summary>The target that reverts every migration (`migrate --to 0`).</summary>
    public const string InitialTarget = Migration.InitialDatabase;

    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Fails with one clear message when the server lacks an extension the migrations need.</summary>
    public async Task EnsureExtensionsAvailableAsync(
        IReadOnlyList<RequiredExtension> required, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT name FROM pg_available_extensions WHERE name = ANY($1)");
        command.Parameters.AddValue(required.Select(e => e.Name).ToArray());
        var available = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                available.Add(reader.GetString(0));
            }
        }

        var missing = required.FirstOrDefault(e => !available.Contains(e.Name));
        if (missing is not null)
        {
            throw new MissingExtensionException(missing);
        }
    }

    /// <summary>Migrates up to the latest, or up or down to <paramref name="target"/> (a migration name or id, or "0").</summary>
    public async Task<DatabaseStatusDto> MigrateAsync(string? target, CancellationToken cancellationToken)
    {
        await EnsureExtensionsAvailableAsync(RequiredExtension.All, cancellationToken);
        var resolved = target is null ? null : Resolve(target);
        // A migration that rewrites or indexes a large table (entities holds the whole catalog) runs for minutes,
        // far past the 30 s that suits requests.
        db.Database.SetCommandTimeout(MigrationCommandTimeout);
        await db.GetService<IMigrator>().MigrateAsync(resolved, cancellationToken);
        // Extensions and types created (or dropped) by a migration are unknown to the data source, which loads them
        // once: reload them here, whatever the migration did (EF reloads only after declared extensions, enums and
        // ranges). NpgsqlConnection.ClearAllPools() never reached a data source's pool, and in a process shared
        // with others (the tests) it closed their connections.
        await dataSource.ReloadTypesAsync(cancellationToken);
        return await ReadAsync(cancellationToken);
    }

    public async Task<DatabaseStatusDto> ReadAsync(CancellationToken cancellationToken)
    {
        var all = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = all.Except(applied, StringComparer.Ordinal).ToList();
        return new DatabaseStatusDto(applied.LastOrDefault(), applied, pending);
    }

    private string Resolve(string target)
    {
        if (target is "0" || string.Equals(target, InitialTarget, StringComparison.Ordinal))
        {
            return InitialTarget;
        }

        // Accept the full id (20261123..._Name) or just the name.
        var all = db.Database.GetMigrations().ToList();
        return all.FirstOrDefault(m => string.Equals(m, target, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(m => m.EndsWith("_" + target, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"No migration named '{target}'. Known: {string.Join(", ", all)} (or 0 for none).", nameof(target));
    }
}
