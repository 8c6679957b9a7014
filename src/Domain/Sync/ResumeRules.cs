namespace MediaGateway.Domain.Sync;

/// <summary>
/// When a position is worth resuming, the way mature media servers decide it: nothing below
/// <see cref="MinResumePercent"/>, nothing for titles shorter than <see cref="MinResumeDurationSeconds"/>,
/// and at <see cref="CompletedPercent"/> or more the title is completed and leaves Continue Watching.
/// </summary>
public sealed record ResumeRules(double MinResumePercent = 5, double CompletedPercent = 90, int MinResumeDurationSeconds = 300)
{
    public static readonly ResumeRules Default = new();
}
