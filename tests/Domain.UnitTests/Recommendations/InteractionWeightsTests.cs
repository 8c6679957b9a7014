using MediaGateway.Domain.Recommendations;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Recommendations;

public sealed class InteractionWeightsTests
{
    [Theory]
    [InlineData(InteractionType.View, 0.5)]
    [InlineData(InteractionType.Play, 1)]
    [InlineData(InteractionType.Complete, 2)]
    [InlineData(InteractionType.Like, 3)]
    [InlineData(InteractionType.Watchlist, 1.5)]
    [InlineData(InteractionType.Dislike, -3)]
    public void Default_GivesTheIssuesWeight(InteractionType type, double weight)
    {
        Assert.Equal(weight, InteractionWeights.Default.Of(type, rating: null));
    }

    [Theory]
    [InlineData(1, -2)]
    [InlineData(2, -1)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    public void Of_Rating_WeighsTheValueMinusThree(int rating, double weight)
    {
        Assert.Equal(weight, InteractionWeights.Default.Of(InteractionType.Rating, rating));
    }

    [Fact]
    public void Of_RatingWithoutAValue_WeighsNothing()
    {
        Assert.Equal(0, InteractionWeights.Default.Of(InteractionType.Rating, rating: null));
    }

    [Fact]
    public void Of_ConfiguredWeights_AreTheOnesUsed()
    {
        var weights = new InteractionWeights(View: 0.1, Play: 0.2, Complete: 0.3, Like: 0.4, Dislike: -0.5, Watchlist: 0.6);

        var used = new[] { InteractionType.View, InteractionType.Play, InteractionType.Complete, InteractionType.Like,
            InteractionType.Dislike, InteractionType.Watchlist }.Select(t => weights.Of(t, rating: null));

        Assert.Equal([0.1, 0.2, 0.3, 0.4, -0.5, 0.6], used);
    }

    [Fact]
    public void Of_UnknownType_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionWeights.Default.Of((InteractionType)99, rating: null));
    }
}
