using MediaGateway.Domain.Common;

namespace MediaGateway.Domain.Recommendations;

/// <summary>
/// The spans trending is computed over. Inside its window an interaction counts its weight, halved every
/// <see cref="TrendingWindows.HalfLife"/> of its age, so the newest activity leads; outside it counts nothing.
/// </summary>
public enum TrendingWindow
{
    Hour,
    Day,
    Week,
}

public static class TrendingWindows
{
    public static readonly WireNames<TrendingWindow> Names = new(
        (TrendingWindow.Hour, "1h"),
        (TrendingWindow.Day, "24h"),
        (TrendingWindow.Week, "7d"));

    public static TimeSpan Length(TrendingWindow window) => window switch
    {
        TrendingWindow.Hour => TimeSpan.FromHours(1),
        TrendingWindow.Day => TimeSpan.FromHours(24),
        TrendingWindow.Week => TimeSpan.FromDays(7),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    /// <summary>A quarter of the window: an interaction at the window's far edge still counts a sixteenth.</summary>
    public static TimeSpan HalfLife(TrendingWindow window) => Length(window) / 4;
}
