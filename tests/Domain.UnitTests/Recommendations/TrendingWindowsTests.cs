using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class TrendingWindowsTests
{
    [Theory]
    [InlineData(TrendingWindow.Hour, "1h")]
    [InlineData(TrendingWindow.Day, "24h")]
    [InlineData(TrendingWindow.Week, "7d")]
    public void Names_RoundTripTheWireName(TrendingWindow window, string name)
    {
        Assert.Equal(name, TrendingWindows.Names.Of(window));
        Assert.Equal(window, TrendingWindows.Names.Parse(name));
    }

    [Theory]
    [InlineData(TrendingWindow.Hour, 1)]
    [InlineData(TrendingWindow.Day, 24)]
    [InlineData(TrendingWindow.Week, 168)]
    public void Length_IsTheWindowsSpan(TrendingWindow window, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), TrendingWindows.Length(window));
    }

    [Theory]
    [InlineData(TrendingWindow.Hour, 15)]
    [InlineData(TrendingWindow.Day, 6 * 60)]
    [InlineData(TrendingWindow.Week, 42 * 60)]
    public void HalfLife_IsAQuarterOfTheWindow(TrendingWindow window, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), TrendingWindows.HalfLife(window));
    }

    [Fact]
    public void HalfLife_LeavesASixteenthAtTheWindowsFarEdge()
    {
        foreach (var window in Enum.GetValues<TrendingWindow>())
        {
            Assert.Equal(1.0 / 16, Math.Pow(2, -TrendingWindows.Length(window) / TrendingWindows.HalfLife(window)));
        }
    }

    [Fact]
    public void Length_UnknownWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendingWindows.Length((TrendingWindow)99));
    }
}
