using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector.EntityFrameworkCore;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Persistence;

/// <summary>The one place the DbContext's provider options are set, shared by the service, the CLI and design time.</summary>
public static class DbContextSetup
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static void Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource, DatabaseOptions options) =>
        builder.UseNpgsql(dataSource, npgsql => Configure(npgsql, options));

    public static void Configure(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions options) =>
        builder.UseNpgsql(connectionString, npgsql => Configure(npgsql, options));

    private static void Configure(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql, DatabaseOptions options)
    {
        npgsql.UseVector();
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
        npgsql.MigrationsAssembly(typeof(DbContextSetup).Assembly.GetName().Name);
        if (options.MaxRetries > 0)
        {
            npgsql.EnableRetryOnFailure(
                options.MaxRetries,
                TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds * Math.Pow(2, options.MaxRetries)),
                errorCodesToAdd: null);
        }
    }
}
