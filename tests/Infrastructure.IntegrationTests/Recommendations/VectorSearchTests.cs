using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Recommendations;
using MediaGateway.TestSupport;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Recommendations.RecommendationHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Recommendations;

/// <summary>
/// Nearest titles inside one tenant, beside a much larger tenant in the same HNSW index: a filter applied after an
/// index walk can return fewer rows than asked (pgvector#751). The large tenant is searched through the index with
/// iterative scans, the small one exactly; both must get full, correct lists, never another tenant's titles.
/// </summary>
public sealed class VectorSearchTests(TwoTenantCatalog catalog) : IClassFixture<TwoTenantCatalog>
{
    private const string Large = TwoTenantCatalog.Large;
    private const string Small = TwoTenantCatalog.Small;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecommendationHarness _service = catalog.Service;
    private readonly List<(Guid Id, float[] Vector)> _small = catalog.SmallTitles;
    private readonly List<(Guid Id, float[] Vector)> _large = catalog.LargeTitles;
    private readonly List<Guid> _largeEpisodes = catalog.LargeEpisodes;

    [Fact]
    public async Task SmallTenantBesideALargeOne_GetsAFullExactList_OfItsOwnTitles()
    {
        var query = Vectors.Near(Vectors.Centroid(3), 77, noise: 0.05);

        var nearest = await _service.Recommendations.FindNearestAsync(Small, Model, query, TitleFilter.Any, [], 20, Ct);

        Assert.Equal(ExactNearest(_small, query, 20), nearest.Select(n => n.EntityId).ToList());
    }

    [Fact]
    public async Task LargeTenant_GetsAFullList_CloseToExact()
    {
        var query = Vectors.Near(Vectors.Centroid(3), 78, noise: 0.05);

        var nearest = await _service.Recommendations.FindNearestAsync(Large, Model, query, TitleFilter.Any, [], 20, Ct);

        var exact = ExactNearest(_large, query, 20);
        Assert.Equal(20, nearest.Count);
        Assert.True(nearest.Count(n => exact.Contains(n.EntityId)) >= 18, "recall@20 of at least 0.9 against exact search");
        Assert.All(nearest, n => Assert.StartsWith("Large", n.Title));
    }

    [Fact]
    public async Task LargeTenant_RareKindFilter_StillFillsTheList_ThroughIterativeScans()
    {
        var query = Vectors.Near(Vectors.Centroid(3), 79, noise: 0.05);

        var nearest = await _service.Recommendations.FindNearestAsync(Large, Model, query, new TitleFilter(EntityKind.Episode, null), [], 20, Ct);

        Assert.Equal(20, nearest.Count);
        Assert.All(nearest, n => Assert.Contains(n.EntityId, _largeEpisodes));
    }

    [Fact]
    public async Task ExcludedTitles_AreNeverReturned()
    {
        var query = _small[0].Vector;
        var exclude = _small.Take(5).Select(s => s.Id).ToList();

        var nearest = await _service.Recommendations.FindNearestAsync(Small, Model, query, TitleFilter.Any, exclude, 10, Ct);

        Assert.Equal(10, nearest.Count);
        Assert.DoesNotContain(nearest, n => exclude.Contains(n.EntityId));
    }

    [Fact]
    public async Task AnotherModelsVectors_AreNeverCompared()
    {
        var query = _small[0].Vector;

        var nearest = await _service.Recommendations.FindNearestAsync(Small, "another-model/384", query, TitleFilter.Any, [], 10, Ct);
        var title = await _service.Recommendations.GetTitleAsync(Small, "another-model/384", _small[0].Id, Ct);

        Assert.Empty(nearest);
        Assert.NotNull(title);
        Assert.Null(title.Embedding);
    }

    private static List<Guid> ExactNearest(List<(Guid Id, float[] Vector)> titles, float[] query, int count) =>
        titles.OrderByDescending(t => VectorMath.Cosine(t.Vector, query)).Take(count).Select(t => t.Id).ToList();
}

/// <summary>One catalog for every test of the class (6,000 titles take a while to index): read-only for the tests.</summary>
public sealed class TwoTenantCatalog : IAsyncLifetime
{
    public const string Large = "tenant-large";
    public const string Small = "tenant-small";
    private const int LargeCount = 6_000;

    private TestDatabase _database = null!;

    internal RecommendationHarness Service { get; private set; } = null!;

    internal List<(Guid Id, float[] Vector)> SmallTitles { get; private set; } = null!;

    internal List<(Guid Id, float[] Vector)> LargeTitles { get; private set; } = null!;

    internal List<Guid> LargeEpisodes { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // Below 1,000 titles a tenant is searched exactly; the large one goes through the index.
        Service = await RecommendationHarness.CreateAsync(_database, new() { ["Recommendations:Search:ExactSearchMaxTitles"] = "1000" });

        // Both tenants' titles lie in the same region of the space, so the index walk from a query meets the large
        // tenant's titles first and the small one's only among many others.
        var centroids = Enumerable.Range(0, 10).Select(Vectors.Centroid).ToList();
        var largeVectors = Enumerable.Range(0, LargeCount).Select(i => Vectors.Near(centroids[i % 10], 1000 + i, noise: 0.05)).ToList();
        var largeIds = await Service.AddTitlesAsync(Large, largeVectors.Select((v, i) => ($"Large {i}", v)));
        LargeTitles = largeIds.Zip(largeVectors).ToList();
        // A rare kind in the large tenant: 1 % of its titles.
        var episodeVectors = Enumerable.Range(0, 60).Select(i => Vectors.Near(centroids[i % 10], 9000 + i, noise: 0.05)).ToList();
        LargeEpisodes = await Service.AddTitlesAsync(Large, episodeVectors.Select((v, i) => ($"Episode {i}", v)), EntityKind.Episode);
        var smallVectors = Enumerable.Range(0, 50).Select(i => Vectors.Near(centroids[i % 10], 5000 + i, noise: 0.05)).ToList();
        var smallIds = await Service.AddTitlesAsync(Small, smallVectors.Select((v, i) => ($"Small {i}", v)));
        SmallTitles = smallIds.Zip(smallVectors).ToList();
        await using var analyze = Service.Database.CreateCommand("ANALYZE entities");
        await analyze.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await _database.DisposeAsync();
    }
}
