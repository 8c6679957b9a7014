using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using MediaGateway.Infrastructure.Sync;
using MediaGateway.TestSupport;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.Sync;

public sealed class WatchlistAndSyncStoreTests : IAsyncLifetime
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private SyncHarness _sync = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _sync = await SyncHarness.StartAsync(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _sync.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static HybridTimestamp At(long ms, string device) => new(ms, 0, device);

    private static SyncBatch Batch(params SyncOperation[] operations) => new(
        operations.OfType<WatchlistAddOperation>().ToList(),
        operations.OfType<WatchlistRemoveOperation>().ToList(),
        new Dictionary<string, ContentProgress>());

    private Task<SyncDelta> SyncAsync(UserRef user, string device, long? cursor, params SyncOperation[] operations) =>
        _sync.Sync.SyncAsync(user, device, cursor, Batch(operations), Ct);

    [Fact]
    public async Task AddAndRemove_AreIncremental_AndSurviveRestart()
    {
        Assert.False(await _sync.Watchlist.AddAsync(Alice, "film-1", "t1", At(1_000, "tv"), Ct));
        Assert.True(await _sync.Watchlist.AddAsync(Alice, "film-1", "t2", At(1_001, "phone"), Ct));
        await _sync.Watchlist.AddAsync(Alice, "film-2", "t3", At(1_002, "tv"), Ct);
        Assert.Equal(2, await _sync.Watchlist.RemoveObservedAsync(Alice, "film-1", At(2_000, "web"), Ct));

        await _sync.DisposeAsync();
        _sync = await SyncHarness.StartAsync(_database);

        var entry = Assert.Single(await _sync.Watchlist.ListAsync(Alice, Ct));
        Assert.Equal(("film-2", "tv"), (entry.ContentId, entry.DeviceId));
    }

    [Fact]
    public async Task RemoveArrivingBeforeItsAdd_KeepsTheTagRemoved()
    {
        await SyncAsync(Alice, "tv", null, new WatchlistRemoveOperation("film", ["early"], At(2_000, "tv")));
        await SyncAsync(Alice, "phone", null, new WatchlistAddOperation("film", "early", At(1_000, "phone")));

        Assert.Empty(await _sync.Watchlist.ListAsync(Alice, Ct));
    }

    [Fact]
    public async Task SameSyncTwice_LeavesTheSameState()
    {
        var add = new WatchlistAddOperation("film", "tag-1", At(1_000, "tv"));

        await SyncAsync(Alice, "tv", null, add);
        var second = await SyncAsync(Alice, "tv", null, add);

        Assert.Single(await _sync.Watchlist.ListAsync(Alice, Ct));
        Assert.Single(second.Watchlist);
    }

    [Fact]
    public async Task Delta_HoldsOtherDevicesChangesAfterTheCursor_Only()
    {
        var first = await SyncAsync(Alice, "tv", null, new WatchlistAddOperation("a", "tv-1", At(1_000, "tv")));
        await SyncAsync(Alice, "phone", null, new WatchlistAddOperation("b", "phone-1", At(1_100, "phone")));

        var tvDelta = await SyncAsync(Alice, "tv", first.Cursor);
        var phoneDelta = await SyncAsync(Alice, "phone", first.Cursor);

        Assert.Equal(["b"], tvDelta.Watchlist.Select(t => t.ContentId));
        Assert.Empty(phoneDelta.Watchlist);
        Assert.True(tvDelta.Cursor > first.Cursor);
    }

    [Fact]
    public async Task StaleDevices_AreMarkedOffline()
    {
        var user = new UserRef("tenant-a", "sweep");
        await _sync.WithDevicesAsync(async devices =>
        {
            await devices.SaveAsync(user, new Device("old-tv", DeviceType.TV, "", "", "", "{}", T0), Ct);
            await devices.SaveAsync(user, new Device("fresh-phone", DeviceType.Phone, "", "", "", "{}", TimeProvider.System.GetUtcNow()), Ct);
            return 0;
        });

        await _sync.Maintenance.RunOnceAsync(Ct);

        var online = await _sync.WithDevicesAsync(d => d.ListAsync(user, Ct));
        Assert.Equal([("fresh-phone", true), ("old-tv", false)], online.Select(d => (d.DeviceId, d.IsOnline)));
    }

    [Fact]
    public async Task Tombstones_GoOnlyOnceEveryRegisteredDeviceHasSyncedPastThem()
    {
        var user = new UserRef("tenant-a", "gc");
        await _sync.WithDevicesAsync(async devices =>
        {
            await devices.SaveAsync(user, new Device("tv", DeviceType.TV, "", "", "", "{}", T0), Ct);
            await devices.SaveAsync(user, new Device("phone", DeviceType.Phone, "", "", "", "{}", T0), Ct);
            return 0;
        });
        var added = await SyncAsync(user, "tv", null, new WatchlistAddOperation("film", "t1", At(1_000, "tv")));
        var removed = await SyncAsync(user, "tv", added.Cursor, new WatchlistRemoveOperation("film", ["t1"], At(2_000, "tv")));
        await SyncAsync(user, "tv", removed.Cursor);   // tv acknowledges the removal

        await _sync.Maintenance.RunOnceAsync(Ct);
        var keptForPhone = await TombstonesAsync("gc");

        await SyncAsync(user, "phone", removed.Cursor);   // phone acknowledges too
        await _sync.Maintenance.RunOnceAsync(Ct);

        Assert.Equal(1L, keptForPhone);
        Assert.Equal(0L, await TombstonesAsync("gc"));
        Assert.Equal(removed.Cursor, await _database.ScalarAsync<long>("SELECT pruned_through FROM sync_heads WHERE user_id = 'gc'"));
    }

    [Fact]
    public async Task FullState_CarriesLiveRowsOnly()
    {
        // A device without a cursor replaces its state with the answer: removals would only add weight (a busy
        // user's removal history ran to 10 MB).
        var user = new UserRef("tenant-a", "full-state");
        var added = await SyncAsync(user, "tv", null,
            new WatchlistAddOperation("keep", "k1", At(1_000, "tv")),
            new WatchlistAddOperation("drop", "d1", At(1_000, "tv")));
        await SyncAsync(user, "tv", added.Cursor, new WatchlistRemoveOperation("drop", ["d1"], At(2_000, "tv")));
        var paused = new PlaybackPosition(1200, 6000, PlaybackState.Paused);
        await _sync.Progress.WriteAsync(user, "watching", ContentProgress.FromSet(paused, At(1_000, "tv"), ResumeRules.Default), Ct);
        await _sync.Progress.WriteAsync(user, "forgotten", ContentProgress.FromSet(paused, At(1_000, "tv"), ResumeRules.Default), Ct);
        await _sync.Progress.WriteAsync(user, "forgotten", ContentProgress.FromDelete(At(2_000, "tv")), Ct);

        var phone = await SyncAsync(user, "phone", null);

        Assert.Equal(["k1"], phone.Watchlist.Select(t => t.Tag));
        Assert.Equal(["watching"], phone.Progress.Select(p => p.ContentId));
    }

    [Fact]
    public async Task ManyTombstones_AreCollectedInChunks_AllOfThem()
    {
        // More than two chunks: the collection must go on until a chunk comes back short.
        var user = new UserRef("tenant-a", "busy");
        var count = 2 * SyncMaintenanceService.TombstoneChunk + 17;
        var tags = Enumerable.Range(0, count).Select(i => $"t{i}").ToList();
        var added = await SyncAsync(user, "tv", null,
            [.. tags.Select(tag => new WatchlistAddOperation("film-" + tag, tag, At(1_000, "tv")))]);
        var removed = await SyncAsync(user, "tv", added.Cursor,
            [.. tags.Select(tag => new WatchlistRemoveOperation("film-" + tag, [tag], At(2_000, "tv")))]);
        await SyncAsync(user, "tv", removed.Cursor);

        var (_, watchlist, _) = await _sync.Maintenance.RunOnceAsync(Ct);

        Assert.Equal(count, watchlist);
        Assert.Equal(0L, await TombstonesAsync("busy"));
        Assert.Equal(removed.Cursor, await _database.ScalarAsync<long>("SELECT pruned_through FROM sync_heads WHERE user_id = 'busy'"));
    }

    [Fact]
    public async Task ADeviceThatSyncsWithoutRegistering_StillHoldsBackTombstones()
    {
        var user = new UserRef("tenant-a", "unregistered");
        var web = await SyncAsync(user, "web-unregistered", null);
        var added = await SyncAsync(user, "tv", null, new WatchlistAddOperation("film", "t1", At(1_000, "tv")));
        var removed = await SyncAsync(user, "tv", added.Cursor, new WatchlistRemoveOperation("film", ["t1"], At(2_000, "tv")));
        await SyncAsync(user, "tv", removed.Cursor);

        await _sync.Maintenance.RunOnceAsync(Ct);
        var keptForWeb = await TombstonesAsync("unregistered");
        var webDelta = await SyncAsync(user, "web-unregistered", web.Cursor);
        await SyncAsync(user, "web-unregistered", webDelta.Cursor);
        await _sync.Maintenance.RunOnceAsync(Ct);

        Assert.Equal(1L, keptForWeb);
        Assert.False(webDelta.FullResync);
        Assert.Contains(webDelta.Watchlist, t => t.Tag == "t1" && t.Removed is not null);
        Assert.Equal(0L, await TombstonesAsync("unregistered"));
    }

    [Fact]
    public async Task Tombstones_OlderThanRetention_GoEvenForADeviceThatNeverReturns_WhichThenGetsAFullResync()
    {
        var user = new UserRef("tenant-a", "gone-device");
        await _sync.WithDevicesAsync(async devices =>
            { await devices.SaveAsync(user, new Device("lost-tablet", DeviceType.Tablet, "", "", "", "{}", T0), Ct); return 0; });
        var before = await SyncAsync(user, "tv", null,
            new WatchlistAddOperation("keep", "k1", At(1_000, "tv")),
            new WatchlistAddOperation("drop", "d1", At(1_000, "tv")));
        await SyncAsync(user, "tv", before.Cursor, new WatchlistRemoveOperation("drop", ["d1"], At(2_000, "tv")));
        await _database.ScalarAsync<int>("UPDATE user_watchlists SET removed_at = now() - interval '31 days' WHERE user_id = 'gone-device' AND is_removed");

        await _sync.Maintenance.RunOnceAsync(Ct);
        var tablet = await SyncAsync(user, "lost-tablet", before.Cursor);

        Assert.Equal(0L, await TombstonesAsync("gone-device"));
        Assert.True(tablet.FullResync);
        Assert.Equal(["keep"], tablet.Watchlist.Select(t => t.ContentId));
    }

    [Fact]
    public async Task SameUserIdInTwoTenants_EachSyncsOnlyItsOwnChanges_InDeltaAndFullState()
    {
        // One user id in two tenants: their change numbers run over the same range, so only tenant_id in the
        // delta reads keeps one tenant's rows out of the other's answer.
        var here = new UserRef("tenant-a", "twin");
        var there = new UserRef("tenant-b", "twin");
        var paused = new PlaybackPosition(1200, 6000, PlaybackState.Paused);
        SyncBatch Changes(string prefix, int round) => new(
            [new WatchlistAddOperation($"{prefix}-film-{round}", $"{prefix}-tag-{round}", At(1_000 + round, "tv"))],
            [],
            new Dictionary<string, ContentProgress>
            {
                [$"{prefix}-movie-{round}"] = ContentProgress.FromSet(paused, At(1_000 + round, "tv"), ResumeRules.Default),
            });
        await _sync.Sync.SyncAsync(here, "tv", null, Changes("here", 1), Ct);
        await _sync.Sync.SyncAsync(there, "tv", null, Changes("there", 1), Ct);

        var hereFull = await SyncAsync(here, "phone", null);
        var thereFull = await SyncAsync(there, "phone", null);
        await _sync.Sync.SyncAsync(here, "tv", hereFull.Cursor, Changes("here", 2), Ct);
        await _sync.Sync.SyncAsync(there, "tv", thereFull.Cursor, Changes("there", 2), Ct);
        var hereDelta = await SyncAsync(here, "phone", hereFull.Cursor);
        var thereDelta = await SyncAsync(there, "phone", thereFull.Cursor);

        Assert.Equal(hereFull.Cursor, thereFull.Cursor);   // the ranges overlap: the test can fail
        Assert.Equal("here-tag-1 | here-movie-1", Contents(hereFull));
        Assert.Equal("there-tag-1 | there-movie-1", Contents(thereFull));
        Assert.False(hereDelta.FullResync);
        Assert.Equal("here-tag-2 | here-movie-2", Contents(hereDelta));
        Assert.Equal("there-tag-2 | there-movie-2", Contents(thereDelta));
    }

    [Fact]
    public async Task SameUserIdInTwoTenants_ListAddAndRemoveTouchOnlyTheirOwnTenant()
    {
        var there = new UserRef("tenant-b", Alice.UserId);
        await _sync.Watchlist.AddAsync(Alice, "film", "a-1", At(1_000, "tv"), Ct);

        var alreadyListedThere = await _sync.Watchlist.AddAsync(there, "film", "b-1", At(2_000, "tv"), Ct);
        var removedThere = await _sync.Watchlist.RemoveObservedAsync(there, "film", At(3_000, "tv"), Ct);

        Assert.Equal((false, 1), (alreadyListedThere, removedThere));   // its own tag only
        Assert.Equal(["film"], (await _sync.Watchlist.ListAsync(Alice, Ct)).Select(e => e.ContentId));
        Assert.Empty(await _sync.Watchlist.ListAsync(there, Ct));
    }

    [Fact]
    public async Task RemoveNamingOneTag_LeavesAnotherStoredTagOfTheSameTitle()
    {
        // The phone removes what it saw (tv-1); the tablet's add (tab-1) reached the server first but not the
        // phone: an OR-Set remove covers only the tags it names, so the title stays listed.
        var tv = await SyncAsync(Alice, "tv", null, new WatchlistAddOperation("film", "tv-1", At(1_000, "tv")));
        await SyncAsync(Alice, "tablet", null, new WatchlistAddOperation("film", "tab-1", At(1_100, "tablet")));

        var phone = await SyncAsync(Alice, "phone", null, new WatchlistRemoveOperation("film", ["tv-1"], At(2_000, "phone")));
        var tvAfter = await SyncAsync(Alice, "tv", tv.Cursor);

        var entry = Assert.Single(await _sync.Watchlist.ListAsync(Alice, Ct));
        Assert.Equal(("film", "tablet"), (entry.ContentId, entry.DeviceId));
        Assert.Equal(["tab-1"], phone.Watchlist.Select(t => t.Tag));
        Assert.Equal([("tab-1", false), ("tv-1", true)],
            tvAfter.Watchlist.Select(t => (t.Tag, t.Removed is not null)).Order());
    }

    // "tags | progress titles", each sorted.
    private static string Contents(SyncDelta delta) =>
        $"{string.Join(",", delta.Watchlist.Select(t => t.Tag).Order())} | {string.Join(",", delta.Progress.Select(p => p.ContentId).Order())}";

    private Task<long> TombstonesAsync(string userId) =>
        _database.ScalarAsync<long>($"SELECT count(*) FROM user_watchlists WHERE user_id = '{userId}' AND is_removed");
}
