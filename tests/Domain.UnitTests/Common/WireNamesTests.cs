using MediaGateway.Domain.Common;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Common;

public sealed class WireNamesTests
{
    private enum Light
    {
        Red,
        Green,
    }

    [Fact]
    public void OfAndParse_RoundTripEveryValue()
    {
        foreach (var state in Enum.GetValues<PlaybackState>())
        {
            Assert.Equal(state, PlaybackStates.Names.Parse(PlaybackStates.Names.Of(state)));
        }

        Assert.Equal("playing, paused, stopped", PlaybackStates.Names.List);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Playing")]
    [InlineData("rewinding")]
    public void TryParse_UnknownOrDifferentlyCasedName_IsFalse(string? name)
    {
        Assert.False(PlaybackStates.Names.TryParse(name, out _));
    }

    [Fact]
    public void Constructor_AValueWithoutAName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new WireNames<Light>((Light.Red, "red")));

        Assert.Contains("Green", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ANameUsedTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WireNames<Light>((Light.Red, "lamp"), (Light.Green, "lamp")));
    }
}
