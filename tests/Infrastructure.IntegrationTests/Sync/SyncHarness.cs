using MediaGateway.Application.Devices;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;
using MediaGateway.Infrastructure.Devices;
using MediaGateway.Infrastructure.Platform.Postgres;
using MediaGateway.Infrastructure.Platform.Redis;
using MediaGateway.Infrastructure.Sync;
using MediaGateway.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Infrastructure.IntegrationTests.Sync;

/// <summary>
/// The sync adapters over one scratch database, as the service composes them, with the group-commit writer
/// running. Disposing stops the writer (draining it) and drops every in-memory object: a new harness on the
/// same database is a service restart.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SyncHarness(ServiceProvider services)
    {
        _services = services;
        Writer = services.GetRequiredService<ProgressGroupCommitWriter>();
    }

    public ProgressGroupCommitWriter Writer { get; }

    public IProgressStore Progress => _services.GetRequiredService<IProgressStore>();

    public IWatchlistStore Watchlist => _services.GetRequiredService<IWatchlistStore>();

    public ISyncStore Sync => _services.GetRequiredService<ISyncStore>();

    public SyncMaintenanceService Maintenance => _services.GetRequiredService<SyncMaintenanceService>();

    /// <param name="postgres">Connection string, when Postgres is reached through a <see cref="TcpProxy"/>.</param>
    /// <param name="settings">Configuration values over the defaults (e.g. "Database:MaxRetries").</param>
    public static async Task<SyncHarness> StartAsync(
        TestDatabase database, ProgressWriterOptions? writer = null, string? postgres = null, Dictionary<string, string?>? settings = null)
    {
        var backing = await BackingServices.GetAsync();
        writer ??= new ProgressWriterOptions();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = postgres ?? database.ConnectionString,
                ["ConnectionStrings:Redis"] = backing.Redis,
                ["Redis:KeyPrefix"] = RedisTestPrefix.New(),
                ["ProgressWriter:MaxBatchSize"] = Invariant(writer.MaxBatchSize),
                ["ProgressWriter:MaxDelayMilliseconds"] = Invariant(writer.MaxDelayMilliseconds),
                ["ProgressWriter:QueueCapacity"] = Invariant(writer.QueueCapacity),
                ["ProgressWriter:Flushers"] = Invariant(writer.Flushers),
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        // The service's own modules: the harness wires nothing by hand.
        var services = new ServiceCollection()
            .AddLogging()
            .AddPostgresPlatform(configuration)
            .AddRedisPlatform(configuration)
            .AddDevicesInfrastructure()
            .AddSyncInfrastructure(configuration)
            .BuildServiceProvider();
        var harness = new SyncHarness(services);
        await harness.Writer.StartAsync(CancellationToken.None);
        return harness;
    }

    public async Task<T> WithDevicesAsync<T>(Func<IDeviceStore, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IDeviceStore>());
    }

    private static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
