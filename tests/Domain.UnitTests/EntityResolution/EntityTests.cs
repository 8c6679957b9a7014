using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class EntityTests
{
    private static readonly Guid Id = Guid.Parse("8f1c8a6e-0d7b-4a43-9e0e-0a4f6c1b2d3e");

    private static float[] Embedding(float value = 0.5f, int index = -1, float at = 0)
    {
        var embedding = Enumerable.Repeat(value, Entity.EmbeddingDimensions).ToArray();
        if (index >= 0)
        {
            embedding[index] = at;
        }

        return embedding;
    }

    [Fact]
    public void New_TrimsTitleAndComputesNormalizedTitle()
    {
        var entity = new Entity(Id, EntityKind.Movie, "  Shawshank Redemption, The  ", 1994, Embedding());

        Assert.Equal((Id, EntityKind.Movie, "Shawshank Redemption, The", "shawshank redemption", 1994),
            (entity.Id, entity.Kind, entity.Title, entity.NormalizedTitle, entity.Year));
        Assert.Equal(Entity.EmbeddingDimensions, entity.Embedding!.Length);
    }

    [Fact]
    public void New_WithoutYearOrEmbedding_IsValid()
    {
        var entity = new Entity(Id, EntityKind.Series, "Game of Thrones", null, null);

        Assert.Null(entity.Year);
        Assert.Null(entity.Embedding);
    }

    [Theory]
    [InlineData(Entity.MinYear)]
    [InlineData(Entity.MaxYear)]
    public void New_YearAtTheBounds_IsValid(int year)
    {
        var entity = new Entity(Id, EntityKind.Episode, "Pilot", year, null);

        Assert.Equal(year, entity.Year);
    }

    [Fact]
    public void New_TitleOfMaxLength_IsValid()
    {
        var entity = new Entity(Id, EntityKind.Movie, new string('x', TitleNormalizer.MaxTitleLength), null, null);

        Assert.Equal(TitleNormalizer.MaxTitleLength, entity.Title.Length);
    }

    [Fact]
    public void New_UndefinedKind_ThrowsOnKind()
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, (EntityKind)42, "Heat", 1995, null));

        Assert.Equal("kind", error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void New_BlankTitle_ThrowsOnTitle(string title)
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, title, 1995, null));

        Assert.Equal("title", error.Field);
    }

    [Fact]
    public void New_TitleOverMaxLength_ThrowsOnTitle()
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, new string('x', TitleNormalizer.MaxTitleLength + 1), 1995, null));

        Assert.Equal("title", error.Field);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(Entity.MinYear - 1)]
    [InlineData(Entity.MaxYear + 1)]
    [InlineData(0)]
    [InlineData(-1995)]
    public void New_YearOutOfRange_ThrowsOnYear(int year)
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, "Heat", year, null));

        Assert.Equal("year", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Entity.EmbeddingDimensions - 1)]
    [InlineData(Entity.EmbeddingDimensions + 1)]
    public void New_EmbeddingOfWrongDimensions_ThrowsOnEmbedding(int dimensions)
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, "Heat", 1995, new float[dimensions]));

        Assert.Equal("embedding", error.Field);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("  \n")]
    public void New_MaxLengthTitleWithSurroundingWhitespace_IsTrimmedThenAccepted(string padding)
    {
        var title = new string('x', TitleNormalizer.MaxTitleLength);

        var entity = new Entity(Id, EntityKind.Movie, padding + title + padding, null, null);

        Assert.Equal(title, entity.Title);
    }

    [Fact]
    public void New_MaxLengthTitleWithLeadingSpace_IsAccepted()
    {
        var entity = new Entity(Id, EntityKind.Movie, " " + new string('x', TitleNormalizer.MaxTitleLength), null, null);

        Assert.Equal(TitleNormalizer.MaxTitleLength, entity.Title.Length);
        Assert.False(char.IsWhiteSpace(entity.Title[0]));
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.NaN, Entity.EmbeddingDimensions - 1)]
    [InlineData(float.PositiveInfinity, 7)]
    [InlineData(float.NegativeInfinity, 7)]
    public void New_EmbeddingWithNonFiniteNumber_ThrowsOnEmbedding(float bad, int index)
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, "Heat", 1995, Embedding(index: index, at: bad)));

        Assert.Equal("embedding", error.Field);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void New_AllZeroEmbedding_ThrowsOnEmbedding(bool negativeZero)
    {
        var error = Assert.Throws<DomainException>(() => new Entity(Id, EntityKind.Movie, "Heat", 1995, Embedding(negativeZero ? -0f : 0f)));

        Assert.Equal("embedding", error.Field);
    }

    [Fact]
    public void New_EmbeddingWithOneNonZeroNumber_IsValid()
    {
        var embedding = Embedding(0, index: 3, at: -1);

        var entity = new Entity(Id, EntityKind.Movie, "Heat", 1995, embedding);

        Assert.Same(embedding, entity.Embedding);
    }
}
