using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Sync;

public sealed class SetProgressHandlerTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IProgressStore _store = Substitute.For<IProgressStore>();
    private readonly ISyncNotifier _notifier = Substitute.For<ISyncNotifier>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private SetProgressHandler Handler() =>
        new(_store, new UserClocks(_time), _notifier, Options.Create(new SyncOptions()));

    private void StoreAnswers(bool applied) =>
        _store.WriteAsync(Alice, "movie", Arg.Any<ContentProgress>(), Arg.Any<CancellationToken>())
            .Returns(call => new ProgressWriteResult(new StoredProgress("movie", call.Arg<ContentProgress>(), _time.GetUtcNow()), applied));

    [Fact]
    public async Task Handle_StampsWithTheDeviceAndMarksCompletionAt90Percent()
    {
        StoreAnswers(applied: true);

        var result = await Handler().Handle(new SetProgressCommand(Alice, "tv", "movie", 5400, 6000, "stopped"), Ct);

        await _store.Received(1).WriteAsync(Alice, "movie",
            Arg.Is<ContentProgress>(p => p.Position.Stamp.NodeId == "tv" && p.IsCompleted
                && p.Position.Stamp.PhysicalMs == _time.GetUtcNow().ToUnixTimeMilliseconds()), Ct);
        Assert.True(result.Item.Completed);
        await _notifier.Received(1).PublishAsync(Alice, Arg.Is<SyncNotice>(n => n.ContentId == "movie" && n.DeviceId == "tv"), Ct);
    }

    [Fact]
    public async Task Handle_MarksCompletionAtTheConfiguredPercent()
    {
        StoreAnswers(applied: true);
        var handler = new SetProgressHandler(_store, new UserClocks(_time), _notifier,
            Options.Create(new SyncOptions { CompletedPercent = 70 }));

        var result = await handler.Handle(new SetProgressCommand(Alice, "tv", "movie", 4500, 6000, "paused"), Ct);

        Assert.True(result.Item.Completed);
    }

    [Fact]
    public void ResumeRules_AreTheConfiguredSettings()
    {
        var options = new SyncOptions { MinResumePercent = 12, CompletedPercent = 80, MinResumeDurationSeconds = 45 };

        Assert.Equal(new ResumeRules(12, 80, 45), options.ResumeRules);
        Assert.Equal(ResumeRules.Default, new SyncOptions().ResumeRules);
    }

    [Fact]
    public async Task Handle_AWriteThatLost_IsNotAnnounced()
    {
        StoreAnswers(applied: false);

        var result = await Handler().Handle(new SetProgressCommand(Alice, "tv", "movie", 60, 6000, "playing"), Ct);

        Assert.False(result.Applied);
        await _notifier.DidNotReceive().PublishAsync(Arg.Any<UserRef>(), Arg.Any<SyncNotice>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenANewerDeleteWon_IsAConflict()
    {
        var newerDelete = ContentProgress.FromDelete(new HybridTimestamp(_time.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds(), 0, "phone"));
        _store.WriteAsync(Alice, "movie", Arg.Any<ContentProgress>(), Arg.Any<CancellationToken>())
            .Returns(new ProgressWriteResult(new StoredProgress("movie", newerDelete, _time.GetUtcNow()), false));

        await Assert.ThrowsAsync<MediaGateway.Application.Common.Exceptions.ConflictException>(async () =>
            await Handler().Handle(new SetProgressCommand(Alice, "tv", "movie", 60, 6000, "playing"), Ct));
    }

    [Theory]
    [InlineData(-1, 100, "playing", false)]
    [InlineData(101, 100, "playing", false)]
    [InlineData(10, 100, "rewinding", false)]
    [InlineData(10, 0, "playing", false)]
    [InlineData(100, 100, "stopped", true)]
    public void Validator_ChecksRangesAndState(int position, int duration, string state, bool valid)
    {
        var result = new SetProgressValidator().Validate(new SetProgressCommand(Alice, "tv", "movie", position, duration, state));

        Assert.Equal(valid, result.IsValid);
    }
}
