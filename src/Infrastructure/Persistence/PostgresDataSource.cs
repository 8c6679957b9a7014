using Microsoft.Extensions.Configuration;
using Npgsql;
using Pgvector.Npgsql;

namespace MediaGateway.Infrastructure.Persistence;

public static class PostgresDataSource
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>The configured connection string with the pool settings of <see cref="DatabaseOptions"/> applied.</summary>
    public static string BuildConnectionString(IConfiguration configuration, DatabaseOptions options)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Run `scripts/infra.sh up` (it prints the connection strings) " +
                "or set the environment variable ConnectionStrings__Postgres.");
        }

        return new NpgsqlConnectionStringBuilder(raw)
        {
            MaxPoolSize = options.MaxConnections,
            MinPoolSize = Math.Min(options.MinConnections, options.MaxConnections),
            Timeout = options.AcquireTimeoutSeconds,
            ConnectionIdleLifetime = options.IdleTimeoutSeconds,
            ConnectionLifetime = options.MaxLifetimeSeconds,
            NoResetOnClose = !options.ResetOnClose,
            MaxAutoPrepare = options.MaxAutoPrepare,
        }.ConnectionString;
    }

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }
}
