using MediaGateway.Application.Devices;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure.Persistence;
using MediaGateway.Infrastructure.Devices;
using MediaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Devices;

public sealed class DeviceRepositoryTests : IAsyncLifetime
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = _database.Services();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    // A fresh scope per call, as each HTTP request gets: nothing is served from a tracked entity.
    private async Task<T> WithRepository<T>(Func<IDeviceStore, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(new PostgresDeviceStore(scope.ServiceProvider.GetRequiredService<MediaGatewayDbContext>()));
    }

    private static Device Tv(string id = "tv-1", DateTimeOffset? at = null) =>
        new(id, DeviceType.TV, "Tizen", "5.2", "Living room", "{\"hdr\": true}", at ?? T0);

    [Fact]
    public async Task Save_ThenFind_RoundTripsEveryField()
    {
        await WithRepository(async r => { await r.SaveAsync(Alice, Tv(), Ct); return 0; });

        var found = await WithRepository(r => r.FindAsync(Alice, "tv-1", Ct));

        Assert.NotNull(found);
        Assert.Equal(("tv-1", DeviceType.TV, "Tizen", "5.2", "Living room", true, T0, T0),
            (found.DeviceId, found.Type, found.Platform, found.AppVersion, found.Name, found.IsOnline, found.LastSeen, found.CreatedAt));
        Assert.Equal("{\"hdr\": true}", found.CapabilitiesJson);
    }

    [Fact]
    public async Task Save_AnOlderCopy_NeverMovesLastSeenBackwards()
    {
        await WithRepository(async r => { await r.SaveAsync(Alice, Tv(at: T0.AddMinutes(10)), Ct); return 0; });

        await WithRepository(async r => { await r.SaveAsync(Alice, Tv(at: T0), Ct); return 0; });

        var found = await WithRepository(r => r.FindAsync(Alice, "tv-1", Ct));
        Assert.Equal(T0.AddMinutes(10), found!.LastSeen);
    }

    [Fact]
    public async Task ListAndRemove_AreScopedToTenantAndUser()
    {
        var sameIdOtherTenant = new UserRef("tenant-b", "alice");
        var otherUser = new UserRef("tenant-a", "bob");
        await WithRepository(async r =>
        {
            await r.SaveAsync(Alice, Tv("a"), Ct);
            await r.SaveAsync(sameIdOtherTenant, Tv("b"), Ct);
            await r.SaveAsync(otherUser, Tv("c"), Ct);
            return 0;
        });

        var listed = await WithRepository(r => r.ListAsync(Alice, Ct));
        var removedOther = await WithRepository(r => r.RemoveAsync(sameIdOtherTenant, "a", Ct));
        var removedOwn = await WithRepository(r => r.RemoveAsync(Alice, "a", Ct));

        Assert.Equal(["a"], listed.Select(d => d.DeviceId));
        Assert.False(removedOther);
        Assert.True(removedOwn);
        Assert.Equal(["b"], (await WithRepository(r => r.ListAsync(sameIdOtherTenant, Ct))).Select(d => d.DeviceId));
    }
}
