using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Application.Sync.Watchlist;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Sync;

/// <summary>The small progress and watchlist use cases: their checks, what they store and whom they tell.</summary>
public sealed class SyncUseCaseTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IProgressStore _progress = Substitute.For<IProgressStore>();
    private readonly IWatchlistStore _watchlist = Substitute.For<IWatchlistStore>();
    private readonly ISyncNotifier _notifier = Substitute.For<ISyncNotifier>();
    private readonly UserClocks _clock = new(new FakeTimeProvider(Now));

    private static StoredProgress Stored(string contentId, int position, int duration = 6000) =>
        new(contentId, ContentProgress.FromSet(new PlaybackPosition(position, duration, PlaybackState.Paused), new HybridTimestamp(1, 0, "tv"), ResumeRules.Default), Now);

    [Fact]
    public void Validators_CheckDeviceAndContentOnEveryWrite()
    {
        var longId = new string('c', 256);

        Assert.Equal(["DeviceId", "ContentId"], new SetProgressValidator().Validate(new SetProgressCommand(Alice, "", longId, 0, 10, "paused")).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["DurationSeconds"], new SetProgressValidator().Validate(new SetProgressCommand(Alice, "tv", "m", 0, 0, "paused")).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["DeviceId", "ContentId"], new DeleteProgressValidator().Validate(new DeleteProgressCommand(Alice, "a b", "")).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["DeviceId", "ContentId"], new AddToWatchlistValidator().Validate(new AddToWatchlistCommand(Alice, null, longId)).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal(["DeviceId", "ContentId"], new RemoveFromWatchlistValidator().Validate(new RemoveFromWatchlistCommand(Alice, "", longId)).Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal("A device id is printable ASCII without spaces.",
            new AddToWatchlistValidator().Validate(new AddToWatchlistCommand(Alice, "a b", "m")).Errors.Single().ErrorMessage);
        Assert.Equal("'state' must be one of playing, paused, stopped.",
            new SetProgressValidator().Validate(new SetProgressCommand(Alice, "tv", "m", 0, 10, "seeking")).Errors.Single().ErrorMessage);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("all", true)]
    [InlineData("in-progress", true)]
    [InlineData("completed", true)]
    [InlineData("", false)]
    [InlineData("done", false)]
    public void ListValidator_KnowsTheStatuses(string? status, bool valid)
    {
        var result = new ListProgressValidator().Validate(new ListProgressQuery(Alice, status));

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal("'status' must be one of all, in-progress, completed.", e.ErrorMessage));
    }

    [Theory]
    [InlineData(null, "finished,watching,barely")]
    [InlineData("all", "finished,watching,barely")]
    [InlineData("in-progress", "watching")]
    [InlineData("completed", "finished")]
    public async Task List_FiltersByStatus(string? status, string expected)
    {
        _progress.ListAsync(Alice, Ct).Returns([Stored("finished", 5900), Stored("watching", 1200), Stored("barely", 60)]);

        var list = await new ListProgressHandler(_progress, Options.Create(new SyncOptions())).Handle(new ListProgressQuery(Alice, status), Ct);

        Assert.Equal(expected, string.Join(",", list.Items.Select(i => i.ContentId)));
    }

    [Fact]
    public async Task Get_ReturnsTheStoredItem_Or404ForNothingOrADelete()
    {
        _progress.FindAsync(Alice, "movie", Ct).Returns(Stored("movie", 600));
        _progress.FindAsync(Alice, "gone", Ct).Returns(new StoredProgress("gone", ContentProgress.FromDelete(new HybridTimestamp(1, 0, "tv")), Now));
        var handler = new GetProgressHandler(_progress);

        var item = await handler.Handle(new GetProgressQuery(Alice, "movie"), Ct);
        var missing = await Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new GetProgressQuery(Alice, "never"), Ct));
        var deleted = await Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new GetProgressQuery(Alice, "gone"), Ct));

        Assert.Equal(("movie", 600), (item.ContentId, item.PositionSeconds));
        Assert.Equal(("Progress", "never", "Progress 'never' was not found."), (missing.Resource, missing.Key, missing.Message));
        Assert.Equal("gone", deleted.Key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delete_StoresATombstone_AndTellsOthersOnlyWhenItWon(bool applied)
    {
        _progress.WriteAsync(Alice, "movie", Arg.Any<ContentProgress>(), Ct)
            .Returns(call => new ProgressWriteResult(new StoredProgress("movie", call.Arg<ContentProgress>(), Now), applied));

        await new DeleteProgressHandler(_progress, _clock, _notifier).Handle(new DeleteProgressCommand(Alice, "tv", "movie"), Ct);

        await _progress.Received(1).WriteAsync(Alice, "movie", Arg.Is<ContentProgress>(p => p.IsDeleted && p.Position.Stamp.NodeId == "tv"), Ct);
        await _notifier.Received(applied ? 1 : 0).PublishAsync(Alice, new SyncNotice(SyncNoticeKind.Progress, "movie", "tv", null), Ct);
    }

    [Fact]
    public async Task Set_LosingToANewerDelete_IsAConflictNamingTheTitle()
    {
        _progress.WriteAsync(Alice, "movie", Arg.Any<ContentProgress>(), Ct)
            .Returns(new ProgressWriteResult(new StoredProgress("movie", ContentProgress.FromDelete(new HybridTimestamp(Now.ToUnixTimeMilliseconds() + 5, 0, "web")), Now), false));
        var handler = new SetProgressHandler(_progress, _clock, _notifier, Options.Create(new SyncOptions()));

        var conflict = await Assert.ThrowsAsync<ConflictException>(async () =>
            await handler.Handle(new SetProgressCommand(Alice, "tv", "movie", 10, 6000, "paused"), Ct));

        Assert.Equal("A newer change from another device deleted this title's progress.", conflict.Message);
        Assert.Equal("movie", conflict.Details["contentId"]);
    }

    [Fact]
    public async Task WatchlistAdd_StoresANewTag_AndTellsOthers()
    {
        var handler = new AddToWatchlistHandler(_watchlist, _clock, _notifier, Options.Create(new SyncOptions { MaxWatchlistItems = 7 }));

        var result = await handler.Handle(new AddToWatchlistCommand(Alice, "tv", "film"), Ct);

        await _watchlist.Received(1).AddAsync(Alice, "film", Arg.Is<string>(tag => tag.Length == 32), Arg.Is<HybridTimestamp>(s => s.NodeId == "tv"), 7, Ct);
        await _notifier.Received(1).PublishAsync(Alice, new SyncNotice(SyncNoticeKind.Watchlist, "film", "tv", null), Ct);
        Assert.Equal(("film", "tv", false), (result.Entry.ContentId, result.Entry.DeviceId, result.AlreadyListed));
    }

    [Fact]
    public async Task WatchlistAdd_ToAFullList_IsAConflictNamingTheLimit_AndTellsNoOne()
    {
        _watchlist.AddAsync(Alice, "one-too-many", Arg.Any<string>(), Arg.Any<HybridTimestamp>(), 3, Ct).Returns(WatchlistAddOutcome.ListFull);
        _watchlist.AddAsync(Alice, "listed", Arg.Any<string>(), Arg.Any<HybridTimestamp>(), 3, Ct).Returns(WatchlistAddOutcome.AlreadyListed);
        var handler = new AddToWatchlistHandler(_watchlist, _clock, _notifier, Options.Create(new SyncOptions { MaxWatchlistItems = 3 }));

        var full = await Assert.ThrowsAsync<ConflictException>(async () => await handler.Handle(new AddToWatchlistCommand(Alice, "tv", "one-too-many"), Ct));
        var listed = await handler.Handle(new AddToWatchlistCommand(Alice, "tv", "listed"), Ct);

        Assert.Equal("The watchlist is full: it holds at most 3 titles. Remove one first.", full.Message);
        Assert.Equal(3, full.Details["maxItems"]);
        Assert.True(listed.AlreadyListed);
        await _notifier.Received(1).PublishAsync(Alice, Arg.Any<SyncNotice>(), Ct);
        await _notifier.Received(1).PublishAsync(Alice, new SyncNotice(SyncNoticeKind.Watchlist, "listed", "tv", null), Ct);
    }

    [Fact]
    public async Task WatchlistRemove_OfATitleNotListed_Is404AndTellsNoOne()
    {
        _watchlist.RemoveObservedAsync(Alice, "listed", Arg.Any<HybridTimestamp>(), Ct).Returns(2);
        var handler = new RemoveFromWatchlistHandler(_watchlist, _clock, _notifier);

        await handler.Handle(new RemoveFromWatchlistCommand(Alice, "tv", "listed"), Ct);
        var missing = await Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new RemoveFromWatchlistCommand(Alice, "tv", "absent"), Ct));

        Assert.Equal(("Watchlist item", "absent"), (missing.Resource, missing.Key));
        await _notifier.Received(1).PublishAsync(Alice, Arg.Any<SyncNotice>(), Ct);
        await _notifier.Received(1).PublishAsync(Alice, new SyncNotice(SyncNoticeKind.Watchlist, "listed", "tv", null), Ct);
    }

    [Fact]
    public void WireNames_AreTheDocumentedOnes()
    {
        Assert.Equal(["watchlist", "progress", "sync"], SyncNoticeKinds.Names.All);
        Assert.Equal(["watchlist.add", "watchlist.remove", "progress.set", "progress.delete"], SyncOperationTypes.Names.All);
    }

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(1, 0, 0, false)]
    [InlineData(0, 1, 0, false)]
    [InlineData(0, 0, 1, false)]
    public void Batch_IsEmptyOnlyWithNothingInIt(int adds, int removes, int progress, bool empty)
    {
        var stamp = new HybridTimestamp(1, 0, "tv");
        var batch = new SyncBatch(
            [.. Enumerable.Range(0, adds).Select(_ => new WatchlistAddOperation("f", "t", stamp))],
            [.. Enumerable.Range(0, removes).Select(_ => new WatchlistRemoveOperation("f", ["t"], stamp))],
            Enumerable.Range(0, progress).ToDictionary(i => $"m{i}", _ => ContentProgress.FromDelete(stamp)));

        Assert.Equal(empty, batch.IsEmpty);
    }
}
