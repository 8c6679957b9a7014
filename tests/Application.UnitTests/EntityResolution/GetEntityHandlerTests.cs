using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class GetEntityHandlerTests
{
    private const string Tenant = "tenant-a";
    private static readonly Guid Matrix = new("00000000-0000-0000-0000-00000000000a");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IEntityStore _store = Substitute.For<IEntityStore>();

    [Fact]
    public async Task Handle_UnknownEntity_ThrowsNotFound()
    {
        _store.GetAsync(Tenant, Matrix, Arg.Any<CancellationToken>()).Returns((StoredEntity?)null);

        var error = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetEntityHandler(_store).Handle(new GetEntityQuery(Tenant, Matrix), Ct));

        Assert.Equal(("Entity", Matrix.ToString()), (error.Resource, error.Key));
    }

    [Fact]
    public async Task Handle_KnownEntity_ListsEveryIdWithItsProvenance()
    {
        var entity = new Entity(Matrix, EntityKind.Series, "The Matrix", 1999, Enumerable.Repeat(0.1f, Entity.EmbeddingDimensions).ToArray());
        _store.GetAsync(Tenant, Matrix, Arg.Any<CancellationToken>()).Returns(new StoredEntity(entity, T0, T0.AddHours(1),
        [
            new EntityMapping(ExternalId.Parse("tvdb", "81189", "series"), Matrix, 0.9, ResolutionMethod.Fuzzy, T0, T0.AddHours(1)),
            new EntityMapping(ExternalId.Parse("imdb", "tt0133093"), Matrix, 1.0, ResolutionMethod.Created, T0, T0),
        ]));

        var dto = await new GetEntityHandler(_store).Handle(new GetEntityQuery(Tenant, Matrix), Ct);

        Assert.Equal((Matrix, "series", "The Matrix", (int?)1999, true, T0, T0.AddHours(1)),
            (dto.EntityId, dto.Kind, dto.Title, dto.Year, dto.HasEmbedding, dto.CreatedAt, dto.UpdatedAt));
        Assert.Equal(
            [
                new ExternalIdDetailsDto("tvdb", "81189", "series", 0.9, "fuzzy", T0, T0.AddHours(1)),
                new ExternalIdDetailsDto("imdb", "tt0133093", null, 1.0, "created", T0, T0),
            ],
            dto.ExternalIds);
    }

    [Fact]
    public async Task Handle_EntityWithoutEmbedding_SaysSo()
    {
        _store.GetAsync(Tenant, Matrix, Arg.Any<CancellationToken>())
            .Returns(new StoredEntity(new Entity(Matrix, EntityKind.Movie, "Heat", null, null), T0, T0, []));

        var dto = await new GetEntityHandler(_store).Handle(new GetEntityQuery(Tenant, Matrix), Ct);

        Assert.Equal(("movie", false, (int?)null), (dto.Kind, dto.HasEmbedding, dto.Year));
        Assert.Empty(dto.ExternalIds);
    }
}
