using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Infrastructure.Sync;

public static class SyncModule
{
    /// <summary>Watchlists, progress and delta sync in Postgres; notices over the channel bus; maintenance.</summary>
    public static IServiceCollection AddSyncInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProgressWriterOptions>().Bind(configuration.GetSection(ProgressWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ProgressGroupCommitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgressGroupCommitWriter>());
        services.AddSingleton<IProgressStore, PostgresProgressStore>();
        services.AddSingleton<IWatchlistStore, PostgresWatchlistStore>();
        services.AddSingleton<ISyncStore, PostgresSyncStore>();
        services.AddSingleton<SyncMaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncMaintenanceService>());

        services.AddSingleton<SyncNoticeChannel>();
        services.AddSingleton<ISyncNotifier>(sp => sp.GetRequiredService<SyncNoticeChannel>());
        services.AddSingleton<ISyncEventStream>(sp => sp.GetRequiredService<SyncNoticeChannel>());
        return services;
    }
}
