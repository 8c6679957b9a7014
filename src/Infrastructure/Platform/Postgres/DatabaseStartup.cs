using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using MediaGateway.Infrastructure.Persistence;

namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>
/// At start-up: reach Postgres (retrying transient failures with backoff), refuse to start without pgvector,
/// and report pending migrations (or apply them, with the development-only flag). A database that stays
/// unreachable does not stop the process: /health/ready reports it, and requests recover when it returns.
/// </summary>
internal sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    PostgresRetry postgresRetry,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var retry = postgresRetry.Pipeline;
        await using var scope = scopes.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        try
        {
            await retry.ExecuteAsync(
                async ct => await migrator.EnsureExtensionsAvailableAsync(RequiredExtension.All, ct), cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.LogError(exception, "Postgres is unreachable at start-up; the service starts not ready and recovers when it answers");
            return;
        }

        if (options.Value.ApplyMigrationsOnStartup)
        {
            var status = await migrator.MigrateAsync(target: null, cancellationToken);
            logger.LogInformation("Database migrated at start-up to {Migration}", status.CurrentMigration);
            return;
        }

        var current = await migrator.ReadAsync(cancellationToken);
        if (current.PendingMigrations.Count > 0)
        {
            logger.LogWarning(
                "{Count} migrations are pending ({Pending}); run `dotnet run --project src/Api -- migrate`",
                current.PendingMigrations.Count, string.Join(", ", current.PendingMigrations));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
