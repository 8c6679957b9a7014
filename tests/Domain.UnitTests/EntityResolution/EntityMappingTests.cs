using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class EntityMappingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid EntityId = Guid.Parse("8f1c8a6e-0d7b-4a43-9e0e-0a4f6c1b2d3e");
    private static readonly ExternalId Matrix = ExternalId.Parse(ExternalIdType.Tmdb, "603", "movie");

    private static EntityMapping Mapping(double confidence, ResolutionMethod method = ResolutionMethod.Fuzzy) =>
        new(Matrix, EntityId, confidence, method, T0, T0.AddMinutes(1));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void New_ConfidenceInRange_KeepsEverything(double confidence)
    {
        var mapping = Mapping(confidence, ResolutionMethod.Exact);

        Assert.Equal((Matrix, EntityId, confidence, ResolutionMethod.Exact, T0, T0.AddMinutes(1)),
            (mapping.ExternalId, mapping.EntityId, mapping.Confidence, mapping.Method, mapping.CreatedAt, mapping.UpdatedAt));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void New_ConfidenceOutOfRange_ThrowsOnConfidence(double confidence)
    {
        var error = Assert.Throws<DomainException>(() => Mapping(confidence));

        Assert.Equal("confidence", error.Field);
    }

    [Fact]
    public void New_MethodCache_ThrowsOnMethod()
    {
        var error = Assert.Throws<DomainException>(() => Mapping(1.0, ResolutionMethod.Cache));

        Assert.Equal("method", error.Field);
    }

    [Theory]
    [InlineData(ResolutionMethod.Exact)]
    [InlineData(ResolutionMethod.Fuzzy)]
    [InlineData(ResolutionMethod.Embedding)]
    [InlineData(ResolutionMethod.Created)]
    public void New_MethodOtherThanCache_IsValid(ResolutionMethod method)
    {
        var mapping = Mapping(0.8, method);

        Assert.Equal(method, mapping.Method);
    }

    [Theory]
    [InlineData(0.9, 0.5, 0.9)]
    [InlineData(0.9, 0.95, 0.95)]
    [InlineData(0.9, 0.9, 0.9)]
    [InlineData(0.0, 1.0, 1.0)]
    [InlineData(1.0, 0.0, 1.0)]
    public void MergedConfidence_NeverLowers(double stored, double incoming, double expected)
    {
        var mapping = Mapping(stored);

        Assert.Equal(expected, mapping.MergedConfidence(incoming));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void MergedConfidence_IncomingOutOfRange_ThrowsOnConfidence(double incoming)
    {
        var mapping = Mapping(0.5);

        var error = Assert.Throws<DomainException>(() => mapping.MergedConfidence(incoming));

        Assert.Equal("confidence", error.Field);
    }
}
