using MediaGateway.Application.Platform;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.Platform.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaGateway.Infrastructure.Platform.Postgres;

public static class PostgresModule
{
    /// <summary>The database as the service runs it: data source, DbContext pool, start-up check, readiness.</summary>
    public static IServiceCollection AddPostgresPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPostgresDatabase(configuration);
        services.AddOptions<DatabaseOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DatabaseStartup>();
        services.AddScoped<IDatabaseStatusReader>(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>(
            "postgres", tags: [DependencyInjection.ReadyTag], timeout: TimeSpan.FromSeconds(2));
        return services;
    }

    /// <summary>The data source, the DbContext pool and the migrator: all the `migrate` command needs.</summary>
    public static IServiceCollection AddPostgresDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return PostgresDataSource.Create(PostgresDataSource.BuildConnectionString(configuration, options));
        });
        services.AddDbContextPool<MediaGatewayDbContext>((sp, builder) => DbContextSetup.Configure(
            builder,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddScoped<DatabaseMigrator>();
        services.TryAddSingleton<PostgresRetry>();
        services.AddMediaGatewayMetrics();
        return services;
    }
}
