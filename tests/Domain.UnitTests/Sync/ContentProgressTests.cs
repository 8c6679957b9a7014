using MediaGateway.Domain.Common;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

public sealed class ContentProgressTests
{
    private static readonly ResumeRules Rules = ResumeRules.Default;

    private static HybridTimestamp At(long ms, string device = "tv") => new(ms, 0, device);

    private static ContentProgress Set(int position, long ms, int duration = 6000, string device = "tv") =>
        ContentProgress.FromSet(new PlaybackPosition(position, duration, PlaybackState.Paused), At(ms, device), Rules);

    [Theory]
    [InlineData(299, 100, false)]     // under 5 minutes: no resume point
    [InlineData(6000, 299, false)]    // under 5 %
    [InlineData(6000, 300, true)]     // exactly 5 %
    [InlineData(6000, 5399, true)]    // just under 90 %
    [InlineData(6000, 5400, false)]   // 90 %: completed
    public void Resumable_FollowsTheThresholds(int duration, int position, bool resumable)
    {
        var playback = new PlaybackPosition(position, duration, PlaybackState.Paused);

        Assert.Equal(resumable, playback.IsResumable(Rules));
        Assert.Equal(position * 100.0 / duration >= 90, playback.IsCompleted(Rules));
    }

    [Theory]
    [InlineData(-1, 100, "positionSeconds")]
    [InlineData(101, 100, "positionSeconds")]
    [InlineData(0, 0, "durationSeconds")]
    public void Position_OutOfRange_Throws(int position, int duration, string field)
    {
        Assert.Equal(field, Assert.Throws<DomainException>(() => new PlaybackPosition(position, duration, PlaybackState.Playing)).Field);
    }

    [Fact]
    public void OlderInProgressPosition_NeverBringsACompletedTitleBack()
    {
        var completed = Set(5800, ms: 2_000);
        var staleOffline = Set(1200, ms: 1_000, device: "phone");

        var merged = staleOffline.Merge(completed);
        var mergedOtherWay = completed.Merge(staleOffline);

        Assert.Equal(merged, mergedOtherWay);
        Assert.True(merged.IsCompleted);
        Assert.False(merged.IsInProgress(Rules));
    }

    [Fact]
    public void NewerRewatchPosition_KeepsTitleCompletedUntilMarkedUnwatched()
    {
        var rewatch = Set(5800, ms: 1_000).Merge(Set(1200, ms: 2_000, device: "phone"));
        var unwatched = rewatch.Merge(ContentProgress.FromDelete(At(3_000)));
        var watchingAgain = unwatched.Merge(Set(1500, ms: 4_000));

        Assert.Equal((1200, true, false), (rewatch.Position.Value!.PositionSeconds, rewatch.IsCompleted, rewatch.IsInProgress(Rules)));
        Assert.Equal((true, false), (unwatched.IsDeleted, unwatched.IsCompleted));
        Assert.True(watchingAgain.IsInProgress(Rules));
    }

    [Fact]
    public void DeleteTombstone_BeatsAnOlderSetThatArrivesLate()
    {
        var merged = ContentProgress.FromDelete(At(2_000)).Merge(Set(1200, ms: 1_000));

        Assert.True(merged.IsDeleted);
    }

    [Fact]
    public void EqualTimestamps_TieBreakOnDeviceId()
    {
        var fromA = Set(1000, ms: 1_000, device: "a");
        var fromB = Set(2000, ms: 1_000, device: "b");

        Assert.Equal(2000, fromA.Merge(fromB).Position.Value!.PositionSeconds);
        Assert.Equal(2000, fromB.Merge(fromA).Position.Value!.PositionSeconds);
    }

    [Fact]
    public void Position_AtZeroAndAtTheEnd_IsValid()
    {
        var start = new PlaybackPosition(0, 100, PlaybackState.Paused);
        var end = new PlaybackPosition(100, 100, PlaybackState.Stopped);

        Assert.Equal((0.0, 100.0), (start.Percent, end.Percent));
    }

    [Fact]
    public void Resumable_FromExactlyTheMinimumDuration()
    {
        var rules = new ResumeRules(MinResumePercent: 5, CompletedPercent: 90, MinResumeDurationSeconds: 300);

        Assert.True(new PlaybackPosition(150, 300, PlaybackState.Paused).IsResumable(rules));
        Assert.False(new PlaybackPosition(149, 299, PlaybackState.Paused).IsResumable(rules));
    }

    [Fact]
    public void LastChanged_IsTheNewerOfTheTwoRegisters()
    {
        var completed = ContentProgress.FromSet(new PlaybackPosition(95, 100, PlaybackState.Stopped), At(2_000), Rules);
        var olderReplay = ContentProgress.FromSet(new PlaybackPosition(10, 100, PlaybackState.Paused), At(3_000, "phone"), Rules);
        var positionOnly = ContentProgress.FromSet(new PlaybackPosition(10, 100, PlaybackState.Paused), At(1_000), Rules);
        var completionNewer = completed with { Position = positionOnly.Position };

        Assert.Equal(At(1_000), positionOnly.LastChanged);
        Assert.Equal(At(3_000, "phone"), completed.Merge(olderReplay).LastChanged);
        Assert.Equal(At(2_000), completionNewer.LastChanged);
    }
}
