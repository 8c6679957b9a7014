using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.TestSupport;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Sync;

/// <summary>The maintenance sweep as the host runs it: a single-runner worker from the service's own module.</summary>
public sealed class SyncMaintenanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TwoInstances_OneSweepsAtStart_TheOtherSkips()
    {
        var user = new UserRef("tenant-a", "sweep");
        await using var first = await SyncHarness.StartAsync(_database);
        await using var second = await SyncHarness.StartAsync(_database);
        await first.WithDevicesAsync(async devices =>
        {
            await devices.SaveAsync(user, new Device("old-tv", DeviceType.TV, "", "", "", "{}", DateTimeOffset.UnixEpoch), Ct);
            return 0;
        });

        await first.Maintenance.StartAsync(Ct);
        await second.Maintenance.StartAsync(Ct);
        try
        {
            Assert.True(await Eventually.TrueAsync(
                () => Task.FromResult(first.Maintenance.CompletedTicks > 0 && second.Maintenance.CompletedTicks > 0), Deadline, Ct),
                "both instances finished a tick");

            Assert.True(first.Maintenance.IsSingleRunner);
            Assert.NotEqual(first.Maintenance.IsLeader, second.Maintenance.IsLeader);
            var device = Assert.Single(await first.WithDevicesAsync(d => d.ListAsync(user, Ct)));
            Assert.False(device.IsOnline);   // the leader's sweep at start
        }
        finally
        {
            await first.Maintenance.StopAsync(CancellationToken.None);
            await second.Maintenance.StopAsync(CancellationToken.None);
        }
    }
}
