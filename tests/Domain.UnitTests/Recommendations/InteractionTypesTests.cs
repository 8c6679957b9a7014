using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class InteractionTypesTests
{
    [Fact]
    public void Names_RoundTripEveryType()
    {
        foreach (var type in Enum.GetValues<InteractionType>())
        {
            Assert.Equal(type, InteractionTypes.Names.Parse(InteractionTypes.Names.Of(type)));
        }
    }

    [Fact]
    public void Names_AreTheWireNames()
    {
        Assert.Equal("view, play, complete, like, dislike, watchlist, rating", InteractionTypes.Names.List);
    }
}
