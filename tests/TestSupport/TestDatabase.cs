using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaGateway.TestSupport;

/// <summary>
/// A scratch database <c>mg_test_&lt;guid&gt;</c> on the test server, created empty or migrated with the
/// production migrations (never EnsureCreated), and dropped on dispose. One per test class: classes run in
/// parallel and never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var services = await BackingServices.GetAsync();
        var database = new TestDatabase(services.Postgres, $"mg_test_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(services.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        if (migrate)
        {
            await database.MigrateAsync(target: null);
        }

        return database;
    }

    /// <summary>Runs the real migrator, as the `migrate` command does.</summary>
    public async Task MigrateAsync(string? target)
    {
        await using var provider = Services();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(target, CancellationToken.None);
    }

    /// <summary>The Infrastructure database services, pointed at this database.</summary>
    public ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = ConnectionString })
            .Build();
        return new ServiceCollection().AddLogging().AddMigrations(configuration).BuildServiceProvider();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database's pool (the connections opened with ConnectionString): other classes run in parallel
        // with pools of their own, which a process-wide clear would close under them. Connections to this database
        // from data sources (the services under test) are ended by the FORCE below.
        using (var ours = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(ours);
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
