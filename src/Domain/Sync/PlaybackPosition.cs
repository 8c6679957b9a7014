using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Sync;

/// <summary>Where playback of one title stands: a position within a duration, and whether it is playing.</summary>
public sealed record PlaybackPosition
{
    public PlaybackPosition(int positionSeconds, int durationSeconds, PlaybackState state)
    {
        if (durationSeconds <= 0)
        {
            throw new DomainException("durationSeconds", "The duration must be greater than zero.");
        }

        if (positionSeconds < 0 || positionSeconds > durationSeconds)
        {
            throw new DomainException("positionSeconds", "The position must be between 0 and the duration.");
        }

        if (!Enum.IsDefined(state))
        {
            throw new DomainException("state", $"Unknown playback state '{state}'.");
        }

        PositionSeconds = positionSeconds;
        DurationSeconds = durationSeconds;
        State = state;
    }

    public int PositionSeconds { get; }

    public int DurationSeconds { get; }

    public PlaybackState State { get; }

    public double Percent => Math.Round(100.0 * PositionSeconds / DurationSeconds, 2);

    public bool IsCompleted(ResumeRules rules) => Percent >= rules.CompletedPercent;

    /// <summary>Whether the title belongs in Continue Watching on this position alone.</summary>
    public bool IsResumable(ResumeRules rules) =>
        DurationSeconds >= rules.MinResumeDurationSeconds
        && Percent >= rules.MinResumePercent
        && Percent < rules.CompletedPercent;
}
