using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.TestSupport;
using Xunit;
using static MediaGateway.Infrastructure.IntegrationTests.Recommendations.RecommendationHarness;

namespace MediaGateway.Infrastructure.IntegrationTests.Recommendations;

/// <summary>Trending: decayed weighted counts per window and tenant, materialised by the job, moving with time.</summary>
public sealed class TrendingJobTests : IAsyncLifetime
{
    private const string Tenant = "tenant-a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private RecommendationHarness _service = null!;
    private List<Guid> _titles = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // Cached lists live one second: the test moves the clock, not the wall.
        _service = await CreateAsync(_database, new() { ["Recommendations:Search:CacheSeconds"] = "1" });
        _titles = await _service.AddTitlesAsync(Tenant, Enumerable.Range(0, 4).Select(i => ($"Title {i}", Vectors.Centroid(i))));
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RanksByDecayedWeight_NotByCount()
    {
        var now = _service.Time.GetUtcNow();
        // Title 0: three views 20 hours ago (3 x 0.5, then decayed); title 1: one like just now (3); title 2: one
        // play 23 hours ago; title 3: a dislike only (negative, never trending).
        for (var i = 0; i < 3; i++)
        {
            await _service.RecordAsync(new UserRef(Tenant, $"viewer-{i}"), Event(_titles[0], InteractionType.View, now.AddHours(-20)));
        }

        await _service.RecordAsync(new UserRef(Tenant, "fan"), Event(_titles[1], InteractionType.Like, now.AddMinutes(-1)));
        await _service.RecordAsync(new UserRef(Tenant, "player"), Event(_titles[2], InteractionType.Play, now.AddHours(-23)));
        await _service.RecordAsync(new UserRef(Tenant, "critic"), Event(_titles[3], InteractionType.Dislike, now.AddMinutes(-1)));

        await _service.Trending.RunOnceAsync(Ct);
        var day = await TrendingAsync(TrendingWindow.Day);

        Assert.Equal([_titles[1], _titles[0], _titles[2]], day.Select(t => t.EntityId));
        // 3 x 0.5 x 2^(-20/6) against 1 x 2^(-23/6): the half-life is a quarter of the window.
        Assert.Equal(3 * 0.5 * Math.Pow(2, -20.0 / 6), day[1].Score, 6);
    }

    [Fact]
    public async Task TheWindowMovesWithTime()
    {
        var now = _service.Time.GetUtcNow();
        await _service.RecordAsync(new UserRef(Tenant, "u1"), Event(_titles[0], InteractionType.Play, now.AddMinutes(-30)));
        await _service.RecordAsync(new UserRef(Tenant, "u2"), Event(_titles[1], InteractionType.Play, now.AddHours(-5)));

        await _service.Trending.RunOnceAsync(Ct);
        var hourBefore = await TrendingAsync(TrendingWindow.Hour);
        _service.Time.Advance(TimeSpan.FromHours(2));
        await _service.Trending.RunOnceAsync(Ct);
        // The hour's list read before the move is cached for a second of wall time: wait for the new one.
        var hourAfter = hourBefore;
        await Eventually.TrueAsync(async () => (hourAfter = await TrendingAsync(TrendingWindow.Hour)).Count == 0, TimeSpan.FromSeconds(10), Ct);
        var dayAfter = await TrendingAsync(TrendingWindow.Day);

        Assert.Equal([_titles[0]], hourBefore.Select(t => t.EntityId));
        Assert.Empty(hourAfter);
        Assert.Equal([_titles[0], _titles[1]], dayAfter.Select(t => t.EntityId));
    }

    [Fact]
    public async Task TenantsNeverSeeEachOthersTrends()
    {
        var now = _service.Time.GetUtcNow();
        var other = await _service.AddTitlesAsync("tenant-b", [("Other tenant's hit", Vectors.Centroid(7))]);
        await _service.RecordAsync(new UserRef("tenant-b", "u1"), Event(other[0], InteractionType.Like, now));
        await _service.RecordAsync(new UserRef(Tenant, "u1"), Event(_titles[0], InteractionType.Play, now));

        await _service.Trending.RunOnceAsync(Ct);

        Assert.Equal([_titles[0]], (await TrendingAsync(TrendingWindow.Day)).Select(t => t.EntityId));
        Assert.Equal(other, (await _service.Recommendations.GetTrendingAsync("tenant-b", TrendingWindow.Day, TitleFilter.Any, 10, Ct)).Select(t => t.EntityId));
    }

    private async Task<List<TrendingTitle>> TrendingAsync(TrendingWindow window) =>
        (await _service.Recommendations.GetTrendingAsync(Tenant, window, TitleFilter.Any, 10, Ct)).ToList();
}
