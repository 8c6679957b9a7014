using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Api.Cli;

/// <summary>
/// <c>migrate</c> applies pending migrations; <c>migrate --list</c> shows applied and pending and the current
/// version; <c>migrate --to &lt;name&gt;</c> moves to that migration, running Down migrations to go back
/// (<c>--to 0</c> reverts them all).
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration)
    {
        var options = new CommandLine(args);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole()
                // EF probes the history table on a fresh database and logs the expected failure as an error.
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None))
            .AddMigrations(configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        try
        {
            if (options.Flag("--list"))
            {
                var status = await migrator.ReadAsync(CancellationToken.None);
                foreach (var applied in status.AppliedMigrations)
                {
                    Console.Out.WriteLine($"applied  {applied}");
                }

                foreach (var pending in status.PendingMigrations)
                {
                    Console.Out.WriteLine($"pending  {pending}");
                }

                Console.Out.WriteLine($"current  {status.CurrentMigration ?? "(none)"}");
                return 0;
            }

            var result = await migrator.MigrateAsync(options.Value("--to"), CancellationToken.None);
            Console.Out.WriteLine($"database at {result.CurrentMigration ?? "(no migrations)"}; " +
                $"{result.PendingMigrations.Count} pending");
            return 0;
        }
        catch (Exception exception) when (exception is MissingExtensionException or ArgumentException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"migrate failed: {exception.Message}");
            return 1;
        }
    }
}
