using MediaGateway.Infrastructure.Catalog;
using MediaGateway.Infrastructure.Devices;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Redis;
using MediaGateway.Infrastructure.Recommendations;
using MediaGateway.Infrastructure.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Infrastructure;

/// <summary>
/// The service's Infrastructure: the shared platform (Postgres, Redis with the tiered cache, channel bus and
/// workers) and then one module per feature. A test harness composes the same modules, so its wiring is the
/// service's.
/// </summary>
public static class DependencyInjection
{
    /// <summary>Tag of the health checks behind /health/ready.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddPostgresPlatform(configuration)
            .AddRedisPlatform(configuration)
            .AddDevicesInfrastructure()
            .AddSyncInfrastructure(configuration)
            .AddEntityResolutionInfrastructure(configuration)
            .AddCatalogInfrastructure(configuration)
            .AddRecommendationsInfrastructure(configuration);

    /// <summary>Only what the `migrate` command needs: the database, no Redis, no hosted services.</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPostgresDatabase(configuration);
}
