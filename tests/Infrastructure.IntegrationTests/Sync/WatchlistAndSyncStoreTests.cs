using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Watchlist;
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

    private const int NoLimit = int.MaxValue;

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
        Assert.Equal(WatchlistAddOutcome.Added, await _sync.Watchlist.AddAsync(Alice, "film-1", "t1", At(1_000, "tv"), NoLimit, Ct));
        Assert.Equal(WatchlistAddOutcome.AlreadyListed, await _sync.Watchlist.AddAsync(Alice, "film-1", "t2", At(1_001, "phone"), NoLimit, Ct));
        await _sync.Watchlist.AddAsync(Alice, "film-2", "t3", At(1_002, "tv"), NoLimit, Ct);
        Assert.Equal(1, await _sync.Watchlist.RemoveObservedAsync(Alice, "film-1", At(2_000, "web"), Ct));   // t2 replaced t1

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
        await _sync.Watchlist.AddAsync(Alice, "film", "a-1", At(1_000, "tv"), NoLimit, Ct);

        var addedThere = await _sync.Watchlist.AddAsync(there, "film", "b-1", At(2_000, "tv"), NoLimit, Ct);
        var removedThere = await _sync.Watchlist.RemoveObservedAsync(there, "film", At(3_000, "tv"), Ct);

        Assert.Equal((WatchlistAddOutcome.Added, 1), (addedThere, removedThere));   // its own tag only
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

    [Fact]
    public async Task RepeatedAdds_OfOneTitle_LeaveOneLiveTag()
    {
        var user = new UserRef("tenant-a", "re-adder");
        for (var i = 0; i < 200; i++)
        {
            await _sync.Watchlist.AddAsync(user, "film", $"rest-{i}", At(1_000 + i, "web"), NoLimit, Ct);
        }

        await SyncAsync(user, "tv", null, [.. Enumerable.Range(0, 50).Select(i => new WatchlistAddOperation("show", $"tv-{i}", At(2_000 + i, "tv")))]);

        Assert.Equal(2L, await LiveTagsAsync("re-adder"));
        Assert.Equal(["film", "show"], (await _sync.Watchlist.ListAsync(user, Ct)).Select(e => e.ContentId).Order());
        Assert.Equal(["rest-199", "tv-49"], (await SyncAsync(user, "phone", null)).Watchlist.Select(t => t.Tag).Order());
    }

    [Fact]
    public async Task ASyncAdd_ReplacesOnlyTheTagsItsDeviceObserved_AndEveryDeviceLearnsOfIt()
    {
        // The phone saw tv-1 (its cursor covers it) but not tab-1, which came later: its add replaces tv-1 only.
        var user = new UserRef("tenant-a", "replacer");
        var tv = await SyncAsync(user, "tv", null, new WatchlistAddOperation("film", "tv-1", At(1_000, "tv")));
        var phone = await SyncAsync(user, "phone", null);
        await SyncAsync(user, "tablet", null, new WatchlistAddOperation("film", "tab-1", At(1_100, "tablet")));

        var phoneAdd = await SyncAsync(user, "phone", phone.Cursor, new WatchlistAddOperation("film", "ph-1", At(1_200, "phone")));
        var tvAfter = await SyncAsync(user, "tv", tv.Cursor);

        Assert.Equal(["ph-1", "tab-1"], await LiveTagListAsync("replacer"));
        // The phone itself is told that tv-1 went: an app that does not replace on its own converges too.
        Assert.Equal([("tab-1", false, "tablet"), ("tv-1", true, WatchlistTag.ReplacedByServer)],
            phoneAdd.Watchlist.Select(t => (t.Tag, t.Removed is not null, t.Removed?.NodeId ?? t.Added!.Value.NodeId)).Order());
        Assert.Equal([("ph-1", false), ("tab-1", false), ("tv-1", true)], tvAfter.Watchlist.Select(t => (t.Tag, t.Removed is not null)).Order());
    }

    [Fact]
    public async Task AnAddAndARemoveOfItsOwnTagInOneSync_LeaveAConcurrentAddListed()
    {
        // Offline, the phone added and removed the film; meanwhile the tablet added it. The phone never saw tab-1, so
        // neither its add nor its remove may take it away: add wins.
        var user = new UserRef("tenant-a", "add-wins");
        var phone = await SyncAsync(user, "phone", null);
        await SyncAsync(user, "tablet", null, new WatchlistAddOperation("film", "tab-1", At(1_000, "tablet")));

        await SyncAsync(user, "phone", phone.Cursor,
            new WatchlistAddOperation("film", "ph-1", At(1_100, "phone")),
            new WatchlistRemoveOperation("film", ["ph-1"], At(1_200, "phone")));

        Assert.Equal(["tab-1"], await LiveTagListAsync("add-wins"));
    }

    [Fact]
    public async Task AReplayedAdd_ReplacesNothing_AndACursorNeverIssuedObservesNothing()
    {
        var user = new UserRef("tenant-a", "replay");
        var add = new WatchlistAddOperation("film", "tv-1", At(1_000, "tv"));
        await SyncAsync(user, "tv", null, add);
        var tablet = await SyncAsync(user, "tablet", null, new WatchlistAddOperation("film", "tab-1", At(1_100, "tablet")));

        await SyncAsync(user, "tv", tablet.Cursor, add);   // the same add again, from a device that has seen tab-1 by now
        var beyond = await SyncAsync(user, "phone", tablet.Cursor + 10, new WatchlistAddOperation("film", "ph-1", At(1_200, "phone")));

        Assert.True(beyond.FullResync);
        Assert.Equal(["ph-1", "tab-1", "tv-1"], await LiveTagListAsync("replay"));
    }

    [Fact]
    public async Task SeveralNewAddsOfOneTitleInOneSync_KeepTheNewestLive()
    {
        var user = new UserRef("tenant-a", "burst");

        var tv = await SyncAsync(user, "tv", null,
            new WatchlistAddOperation("film", "b", At(1_002, "tv")),
            new WatchlistAddOperation("film", "c", At(1_003, "tv")),
            new WatchlistAddOperation("film", "a", At(1_001, "tv")));

        Assert.Equal(["c"], await LiveTagListAsync("burst"));
        // A first sync gets the full state, which carries the tombstones of the device's own tags: it holds a and b.
        Assert.Equal([("a", true), ("b", true), ("c", false)], tv.Watchlist.Select(t => (t.Tag, t.Removed is not null)).Order());
        Assert.Equal(["c"], (await SyncAsync(user, "phone", null)).Watchlist.Select(t => t.Tag));
    }

    [Fact]
    public async Task AddsBeyondTheWatchlistLimit_StoreNothing_WhileListedTitlesAndRemovalsStillGo()
    {
        var user = new UserRef("tenant-a", "full");
        await _sync.Watchlist.AddAsync(user, "f1", "f1-1", At(1_000, "web"), 2, Ct);
        await _sync.Watchlist.AddAsync(user, "f2", "f2-1", At(1_001, "web"), 2, Ct);

        var third = await _sync.Watchlist.AddAsync(user, "f3", "f3-1", At(1_002, "web"), 2, Ct);
        var again = await _sync.Watchlist.AddAsync(user, "f1", "f1-2", At(1_003, "web"), 2, Ct);
        var paused = new PlaybackPosition(1200, 6000, PlaybackState.Paused);
        var syncThird = await _sync.Sync.SyncAsync(user, "tv", null, new SyncBatch(
            [new WatchlistAddOperation("f3", "f3-tv", At(1_004, "tv"))], [],
            new Dictionary<string, ContentProgress> { ["movie"] = ContentProgress.FromSet(paused, At(1_004, "tv"), ResumeRules.Default) })
            { MaxWatchlistItems = 2 }, Ct);
        var headAfterRefusal = await _database.ScalarAsync<long>("SELECT seq FROM sync_heads WHERE user_id = 'full'");
        var swap = await _sync.Sync.SyncAsync(user, "tv", null, new SyncBatch(
            [new WatchlistAddOperation("f3", "f3-tv", At(1_005, "tv"))],
            [new WatchlistRemoveOperation("f2", ["f2-1"], At(1_005, "tv"))],
            new Dictionary<string, ContentProgress>()) { MaxWatchlistItems = 2 }, Ct);

        Assert.Equal((WatchlistAddOutcome.ListFull, WatchlistAddOutcome.AlreadyListed), (third, again));
        Assert.True(syncThird.WatchlistFull);
        Assert.Empty(await _sync.Progress.ListAsync(user, Ct));
        Assert.Equal(3L, headAfterRefusal);   // two adds and a replacing add; the refused sync left no change number
        Assert.False(swap.WatchlistFull);
        Assert.Equal(["f1", "f3"], (await _sync.Watchlist.ListAsync(user, Ct)).Select(e => e.ContentId).Order());
    }

    [Fact]
    public async Task ConcurrentAddsOfNewTitles_NeverPassTheLimit()
    {
        // The head row lock comes before the count: without it, adds that count at once all see room.
        var user = new UserRef("tenant-a", "racing");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            _sync.Watchlist.AddAsync(user, $"f{i}", $"t{i}", At(1_000 + i, "web"), 3, Ct)));

        Assert.Equal(3, outcomes.Count(o => o == WatchlistAddOutcome.Added));
        Assert.Equal(3, (await _sync.Watchlist.ListAsync(user, Ct)).Count);
    }

    // "tags | progress titles", each sorted.
    private static string Contents(SyncDelta delta) =>
        $"{string.Join(",", delta.Watchlist.Select(t => t.Tag).Order())} | {string.Join(",", delta.Progress.Select(p => p.ContentId).Order())}";

    private Task<long> LiveTagsAsync(string userId) =>
        _database.ScalarAsync<long>($"SELECT count(*) FROM user_watchlists WHERE user_id = '{userId}' AND NOT is_removed");

    private async Task<List<string>> LiveTagListAsync(string userId) =>
        (await _database.ScalarAsync<string>(
            $"SELECT COALESCE(string_agg(unique_tag, ',' ORDER BY unique_tag), '') FROM user_watchlists WHERE user_id = '{userId}' AND NOT is_removed"))!
        .Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();

    private Task<long> TombstonesAsync(string userId) =>
        _database.ScalarAsync<long>($"SELECT count(*) FROM user_watchlists WHERE user_id = '{userId}' AND is_removed");
}
