using Microsoft.Extensions.Configuration;
using Npgsql;
using Pgvector.Npgsql;

namespace MediaGateway.Infrastructure.Platform.Postgres;

public static class PostgresDataSource
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>The configured connection string with the pool settings of <see cref="DatabaseOptions"/> applied.</summary>
    public static string BuildConnectionString(IConfiguration configuration, DatabaseOptions databaseOptions)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Run `scripts/infra.sh up` (it prints the connection strings) " +
                "or set the environment variable ConnectionStrings__Postgres.");
        }

        var builder = new NpgsqlConnectionStringBuilder(raw);
        // JIT compiles any plan whose estimated cost passes jit_above_cost; the set-based statements here
        // (unnest of 1,000 items with a lateral lookup each) pass it routinely and paid ~200 ms of compilation to
        // save microseconds of execution. OLTP statements never gain from it.
        var options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        return new NpgsqlConnectionStringBuilder(raw)
        {
            Options = options,
            MaxPoolSize = databaseOptions.MaxConnections,
            MinPoolSize = Math.Min(databaseOptions.MinConnections, databaseOptions.MaxConnections),
            Timeout = databaseOptions.AcquireTimeoutSeconds,
            ConnectionIdleLifetime = databaseOptions.IdleTimeoutSeconds,
            ConnectionLifetime = databaseOptions.MaxLifetimeSeconds,
            NoResetOnClose = !databaseOptions.ResetOnClose,
            MaxAutoPrepare = databaseOptions.MaxAutoPrepare,
        }.ConnectionString;
    }

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }
}
