using MediaGateway.Application.Catalog;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Catalog;

/// <summary>What the ingest handler stores: the model's vectors for titles without one, clients' vectors at unit length, ids kept or new.</summary>
public sealed class IngestCatalogHandlerTests
{
    private const string Tenant = "tenant-a";
    private const string Model = "model/3";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ICatalogStore _store = Substitute.For<ICatalogStore>();
    private readonly ITextEmbedder _embedder = Substitute.For<ITextEmbedder>();
    private IReadOnlyList<CatalogEntry> _stored = [];

    public IngestCatalogHandlerTests()
    {
        _embedder.ModelId.Returns(Model);
        _store.UpsertAsync(Tenant, Arg.Do<IReadOnlyList<CatalogEntry>>(entries => _stored = entries), Ct).Returns([]);
    }

    private static CatalogItem Item(string title, Guid? id = null, float[]? embedding = null) =>
        new(id, EntityKind.Movie, title, 1995, ["crime"], "A heist.", null, embedding);

    private static float[] Vector(params float[] head) => [.. head, .. new float[CatalogVectors.Dimensions - head.Length]];

    private Task<CatalogIngestResult> Handle(params CatalogItem[] items) =>
        new IngestCatalogHandler(_store, _embedder).Handle(new IngestCatalogCommand(Tenant, items), Ct).AsTask();

    [Fact]
    public async Task TitlesWithoutAVector_GetTheModels_InOneCall_AndClientVectorsAreStoredAtUnitLength()
    {
        var id = Guid.NewGuid();
        _embedder.EmbedAsync(Arg.Is<IReadOnlyList<string>>(texts => texts.SequenceEqual(new[] { "Heat. crime. A heist.", "Ronin. crime. A heist." })), Ct)
            .Returns([Vector(1), Vector(0, 1)]);

        var result = await Handle(Item("Heat", id), Item("Alien", embedding: Vector(3, 4)), Item("Ronin"));

        Assert.Equal([Vector(1), Vector(0.6f, 0.8f), Vector(0, 1)], _stored.Select(e => e.Entity.Embedding));
        Assert.All(_stored, e => Assert.Equal(Model, e.EmbeddingModel));
        Assert.Equal(["Heat", "Alien", "Ronin"], _stored.Select(e => e.Entity.Title));
        Assert.Equal(id, _stored[0].Entity.Id);
        Assert.Equal(7, _stored[1].Entity.Id.Version);   // a new title gets a time-ordered id
        Assert.Equal(_stored.Select(e => e.Entity.Id), result.Ids);
        await _embedder.Received(1).EmbedAsync(Arg.Any<IReadOnlyList<string>>(), Ct);
    }

    [Fact]
    public async Task TitlesThatAllCarryAVector_NeedNoModel()
    {
        await Handle(Item("Heat", embedding: Vector(0, 0, 2)));

        Assert.Equal(Vector(0, 0, 1), Assert.Single(_stored).Entity.Embedding);
        await _embedder.DidNotReceiveWithAnyArgs().EmbedAsync(default!, Ct);
    }

    [Fact]
    public async Task IdsOfAnotherTenantsTitles_AreAConflictNamingEach()
    {
        _store.UpsertAsync(Tenant, Arg.Any<IReadOnlyList<CatalogEntry>>(), Ct).Returns([0, 2]);
        var items = new[] { Item("Heat", Guid.NewGuid(), Vector(1)), Item("Alien", embedding: Vector(1)), Item("Ronin", Guid.NewGuid(), Vector(1)) };

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Handle(items));

        Assert.Equal("Some ids already name titles outside this catalog; nothing was stored. Send those titles without an id or with new ids.", conflict.Message);
        Assert.Equal(["entities[0].id", "entities[2].id"], Assert.IsAssignableFrom<IEnumerable<string>>(conflict.Details["entities"]));
    }
}
