using MediaGateway.Application.Devices;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Application.Platform;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;
using MediaGateway.Infrastructure.Sync;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Devices;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Redis;

namespace MediaGateway.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Tag of the health checks behind /health/ready.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EntityResolutionOptions>().Bind(configuration.GetSection(EntityResolutionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EntityCacheOptions>().Bind(configuration.GetSection(EntityCacheOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        AddPostgres(services, configuration);
        AddRedis(services, configuration);

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2))
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(2));
        return services;
    }

    /// <summary>Only what the `migrate` command needs: the database, no Redis, no hosted services.</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        AddDatabase(services, configuration);
        return services;
    }

    private static void AddPostgres(IServiceCollection services, IConfiguration configuration)
    {
        AddDatabase(services, configuration);
        services.AddHostedService<DatabaseStartup>();
        services.AddScoped<IDatabaseStatusReader>(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.AddScoped<IDeviceStore, PostgresDeviceStore>();

        services.AddOptions<ProgressWriterOptions>().Bind(configuration.GetSection(ProgressWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProgressGroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgressGroupCommitWriter>());
        services.AddSingleton<IProgressStore, PostgresProgressStore>();
        services.AddSingleton<IWatchlistStore, PostgresWatchlistStore>();
        services.AddSingleton<ISyncStore, PostgresSyncStore>();
        services.AddSingleton<IEntityStore, PostgresEntityStore>();
        services.AddSingleton<SyncMaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncMaintenanceService>());
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return PostgresDataSource.Create(PostgresDataSource.BuildConnectionString(configuration, options));
        });
        services.AddDbContextPool<MediaGatewayDbContext>((sp, builder) => DbContextSetup.Configure(
            builder,
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddScoped<DatabaseMigrator>();
    }

    private static void AddRedis(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
            RedisConnection.Connect(configuration, sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<RedisSyncEvents>();
        services.AddSingleton<ISyncNotifier>(sp => sp.GetRequiredService<RedisSyncEvents>());
        services.AddSingleton<ISyncEventStream>(sp => sp.GetRequiredService<RedisSyncEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSyncEvents>());

        // HybridCache: bounded in-process L1 over Redis L2, sharing the one multiplexer.
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>(
            (cache, redis, redisOptions) =>
            {
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
                cache.InstanceName = redisOptions.Value.KeyPrefix;
            });
        services.AddStackExchangeRedisCache(_ => { });
        services.AddHybridCache();

        services.AddSingleton<EntityMappingCache>();
        services.AddSingleton<IEntityMappingCache>(sp => sp.GetRequiredService<EntityMappingCache>());
        services.AddSingleton<EntityCacheMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<EntityCacheMaintenance>());
    }
}
