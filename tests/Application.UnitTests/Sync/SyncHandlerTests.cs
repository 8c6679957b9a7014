using FluentValidation;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Sync;

public sealed class SyncHandlerTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ISyncStore _store = Substitute.For<ISyncStore>();
    private readonly ISyncNotifier _notifier = Substitute.For<ISyncNotifier>();

    private SyncHandler Handler() =>
        new(_store, new UserClocks(new FakeTimeProvider(Now)), _notifier, Options.Create(new SyncOptions()));

    private static HlcDto Hlc(long offsetMs, int logical = 0) => new(Now.ToUnixTimeMilliseconds() + offsetMs, logical);

    private static SyncOperationDto Set(string content, int position, HlcDto hlc) =>
        new("progress.set", content, null, null, hlc, position, 6000, "paused");

    [Fact]
    public async Task Handle_MergesProgressPerTitle_AndPassesTheCursor()
    {
        _store.SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>()).Returns(new SyncDelta(9, false, [], []));

        var response = await Handler().Handle(new SyncCommand(Alice, "tv", "c7",
        [
            Set("movie", 100, Hlc(-3000)),
            Set("movie", 900, Hlc(-1000)),
            Set("movie", 500, Hlc(-2000)),
            new("watchlist.add", "film", "t1", null, Hlc(-500), null, null, null),
        ]), Ct);

        await _store.Received(1).SyncAsync(Alice, "tv", 7L,
            Arg.Is<SyncBatch>(b => b.Progress.Count == 1 && b.Progress["movie"].Position.Value!.PositionSeconds == 900
                && b.Adds.Single().Tag == "t1"), Ct);
        Assert.Equal("c9", response.Cursor);
    }

    [Fact]
    public async Task Handle_AnOperationTooFarAhead_RejectsEverythingBeforeTheStore()
    {
        var command = new SyncCommand(Alice, "tv", null,
            [Set("ok", 100, Hlc(-1000)), Set("fast", 100, Hlc(+120_000))]);

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await Handler().Handle(command, Ct));

        Assert.Equal("Operations[1].Hlc", error.Errors.Single().PropertyName);
        await _store.DidNotReceive().SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ALogicalCounterAboveTheLimit_IsRejectedNamingIt_BeforeTheStore()
    {
        var command = new SyncCommand(Alice, "tv", null, [Set("max", 100, Hlc(+55_000, int.MaxValue))]);

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await Handler().Handle(command, Ct));

        Assert.Equal("Operations[0].Hlc.Logical", error.Errors.Single().PropertyName);
        await _store.DidNotReceive().SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ReturnsChangesInHlcOrder_GroupingTagsOfOneRemove()
    {
        var removed = new HybridTimestamp(Now.ToUnixTimeMilliseconds() - 100, 0, "phone");
        var added = new HybridTimestamp(Now.ToUnixTimeMilliseconds() - 900, 0, "tablet");
        _store.SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>()).Returns(new SyncDelta(3, false,
            [
                new WatchlistTagChange("film", "b", added, removed),
                new WatchlistTagChange("film", "a", added, removed),
                new WatchlistTagChange("show", "c", added, null),
            ],
            []));

        var response = await Handler().Handle(new SyncCommand(Alice, "tv", null, []), Ct);

        Assert.Equal(["watchlist.add", "watchlist.remove"], response.Operations.Select(o => o.Type));
        Assert.Equal(["a", "b"], response.Operations[1].Tags);
        Assert.Equal("phone", response.Operations[1].DeviceId);
    }

    [Theory]
    [InlineData("c12", true)]
    [InlineData(null, true)]
    [InlineData("12", false)]
    [InlineData("c-1", false)]
    [InlineData("cx", false)]
    public void Cursor_IsOpaqueButChecked(string? cursor, bool valid)
    {
        Assert.Equal(valid, SyncCursor.TryParse(cursor, out _));
    }

    [Fact]
    public async Task Handle_TheClockMovesPastTheLatestStampReceived_AndOtherDevicesAreTold()
    {
        _store.SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>()).Returns(new SyncDelta(4, false, [], []));
        var ahead = Hlc(+30_000, logical: 2);   // a device clock ahead of the server's, within the drift allowed

        var response = await Handler().Handle(new SyncCommand(Alice, "tv", null, [Set("a", 100, ahead), Set("b", 100, Hlc(-1000))]), Ct);

        Assert.Equal((ahead.PhysicalMs, 4), (response.ServerHlc.PhysicalMs, response.ServerHlc.Logical));
        await _notifier.Received(1).PublishAsync(Alice, new SyncNotice(SyncNoticeKind.Sync, "", "tv", 4), Ct);
    }

    [Fact]
    public async Task Handle_AddsBeyondTheWatchlistLimit_AreAConflict_AndTellNoOne()
    {
        _store.SyncAsync(Alice, "tv", null, Arg.Is<SyncBatch>(b => b.MaxWatchlistItems == 2), Ct)
            .Returns(new SyncDelta(4, false, [], []) { WatchlistFull = true });
        var handler = new SyncHandler(_store, new UserClocks(new FakeTimeProvider(Now)), _notifier,
            Options.Create(new SyncOptions { MaxWatchlistItems = 2 }));

        var full = await Assert.ThrowsAsync<ConflictException>(async () => await handler.Handle(
            new SyncCommand(Alice, "tv", null, [new("watchlist.add", "third", "t3", null, Hlc(-500), null, null, null)]), Ct));

        Assert.Equal(2, full.Details["maxItems"]);
        await _notifier.DidNotReceive().PublishAsync(Arg.Any<UserRef>(), Arg.Any<SyncNotice>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ASyncThatOnlyReads_TellsNoOne()
    {
        _store.SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>()).Returns(new SyncDelta(4, false, [], []));

        await Handler().Handle(new SyncCommand(Alice, "tv", "c4", []), Ct);

        await _notifier.DidNotReceive().PublishAsync(Arg.Any<UserRef>(), Arg.Any<SyncNotice>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ReturnsProgressChanges_WithTheirCompletion()
    {
        var set = new HybridTimestamp(Now.ToUnixTimeMilliseconds() - 900, 0, "phone");
        var done = new HybridTimestamp(Now.ToUnixTimeMilliseconds() - 950, 1, "tablet");
        var deleted = new HybridTimestamp(Now.ToUnixTimeMilliseconds() - 100, 0, "web");
        var completed = new ContentProgress(
            new LwwRegister<PlaybackPosition?>(new PlaybackPosition(100, 6000, PlaybackState.Playing), set), new LwwRegister<bool>(true, done));
        _store.SyncAsync(Arg.Any<UserRef>(), Arg.Any<string>(), Arg.Any<long?>(), Arg.Any<SyncBatch>(), Arg.Any<CancellationToken>()).Returns(new SyncDelta(5, false, [],
            [
                new Application.Sync.Progress.StoredProgress("gone", ContentProgress.FromDelete(deleted), Now),
                new Application.Sync.Progress.StoredProgress("finale", completed, Now),
                new Application.Sync.Progress.StoredProgress("watching", ContentProgress.FromSet(
                    new PlaybackPosition(600, 6000, PlaybackState.Paused), set with { Logical = 1 }, ResumeRules.Default), Now),
            ]));

        var response = await Handler().Handle(new SyncCommand(Alice, "tv", "c1", []), Ct);

        Assert.Equal(
            [
                new SyncChangeDto("progress.set", "finale", new HlcDto(set.PhysicalMs, 0), "phone", PositionSeconds: 100, DurationSeconds: 6000,
                    State: "playing", Completed: true, CompletedHlc: new HlcDto(done.PhysicalMs, 1), CompletedDeviceId: "tablet"),
                new SyncChangeDto("progress.set", "watching", new HlcDto(set.PhysicalMs, 1), "phone", PositionSeconds: 600, DurationSeconds: 6000,
                    State: "paused", Completed: false),
                new SyncChangeDto("progress.delete", "gone", new HlcDto(deleted.PhysicalMs, 0), "web"),
            ],
            response.Operations);
    }
}
