using System.Net;
using MediaGateway.Application.Catalog;
using static MediaGateway.Api.IntegrationTests.Catalog.GenreCatalog;

namespace MediaGateway.Api.IntegrationTests.Recommendations;

/// <summary>
/// Lists for users the service knows little or nothing about (trending, then the newest titles), the list
/// parameters, and tenants kept apart in every list.
/// </summary>
/// <remarks>
/// Each test works in a tenant of its own: the class's tests share one database. Trending lists are cached per
/// tenant, so a test runs the trending job before the first list of its tenant is read.
/// </remarks>
public sealed class ColdStartAndTrendingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ColdStart_NewUser_GetsTheTrendingTitlesFirst_ThenAFullList()
    {
        const string tenant = "cold-trending";
        var catalog = await IngestAsync(api, tenant);
        var (hit, second, third) = (catalog.Of(Cooking)[0], catalog.Of(SciFi)[3], catalog.Of(Romance)[2]);
        foreach (var user in new[] { "u1", "u2", "u3" })
        {
            await api.ClientFor(user, tenant).RecordAsync((hit, "like"));   // 3 x 3
        }

        await api.ClientFor("u1", tenant).RecordAsync((second, "complete"), (third, "play"));   // 2, then 1
        await api.RunTrendingJobAsync();

        var newcomer = await api.ClientFor("newcomer", tenant).RecommendationsAsync();
        var fewSignals = api.ClientFor("light", tenant);
        await fewSignals.RecordAsync((catalog.Of(Romance)[0], "like"), (catalog.Of(Romance)[1], "like"));
        var blended = await fewSignals.RecommendationsAsync();
        var week = await api.ClientFor("newcomer", tenant).TrendingAsync("?window=7d");
        var hour = await api.ClientFor("newcomer", tenant).TrendingAsync("?window=1h&kind=series");

        Assert.Equal(20, newcomer.Count);
        Assert.Equal(20, newcomer.Select(i => i.EntityId).Distinct().Count());
        Assert.Equal([hit, second, third], newcomer.Take(3).Select(i => i.EntityId));
        Assert.All(newcomer.Take(3), i => Assert.Equal("popular right now", i.Reason));
        Assert.Equal([hit, second, third], week.Select(i => i.EntityId));
        Assert.Equal([hit], hour.Select(i => i.EntityId));
        // Two interactions: still trending first, with what the user's few signals bring blended in.
        Assert.Equal(20, blended.Count);
        Assert.Equal(20, blended.Select(i => i.EntityId).Distinct().Count());
        Assert.Equal(hit, blended[0].EntityId);
        Assert.Contains(blended, i => i.Reason?.StartsWith("because you watched", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ColdStart_WithNothingTrending_GetsTheNewestTitles_NeverAnEmptyList()
    {
        const string tenant = "cold-newest";
        var ingest = api.ClientFor("feed", tenant, "ingest");
        var older = await PutAsync(ingest, Enumerable.Range(0, 5).Select(i => $"Older {i}"));
        var newer = await PutAsync(ingest, Enumerable.Range(0, 3).Select(i => $"Newer {i}"));
        await api.RunTrendingJobAsync();
        var user = api.ClientFor("first-user", tenant);

        var three = await user.RecommendationsAsync("?limit=3");
        var all = await user.RecommendationsAsync();
        var trending = await user.TrendingAsync("?window=7d");

        Assert.Empty(trending);
        Assert.Equal(newer.Order(), three.Select(i => i.EntityId).Order());
        Assert.Equal(older.Concat(newer).Order(), all.Select(i => i.EntityId).Order());
    }

    [Fact]
    public async Task ColdStart_TheFirstTitlesOfANewCatalog_ShowAtOnce()
    {
        const string tenant = "cold-first-titles";
        var user = api.ClientFor("early-user", tenant);

        var beforeAnyTitle = await user.RecommendationsAsync();
        var first = await PutAsync(api.ClientFor("feed", tenant, "ingest"), ["The First Title"]);
        var afterTheFirst = await user.RecommendationsAsync();

        Assert.Empty(beforeAnyTitle);
        Assert.Equal(first, afterTheFirst.Select(i => i.EntityId));
    }

    [Fact]
    public async Task ManyInteractionsWithoutATasteDirection_StillGetTheTrendingOrder()
    {
        const string tenant = "cold-no-direction";
        var titles = await PutAsync(api.ClientFor("feed", tenant, "ingest"), Enumerable.Range(0, 8).Select(i => $"Title {i}"));
        // Trending against id order: the last title leads, then the one before it.
        foreach (var (title, fans) in new[] { (titles[7], 3), (titles[6], 2), (titles[5], 1) })
        {
            for (var fan = 0; fan < fans; fan++)
            {
                await api.ClientFor($"fan-{fan}", tenant).RecordAsync((title, "like"));
            }
        }

        await api.RunTrendingJobAsync();
        var neutral = api.ClientFor("neutral", tenant);
        // Five ratings of 3 weigh nothing: past cold start by count, yet no taste to rank by.
        foreach (var title in titles.Take(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await neutral.PostAsJsonAsync("/api/v1/interactions", new { entityId = title, type = "rating", value = 3 }, Ct)).StatusCode);
        }

        var items = await neutral.RecommendationsAsync("?limit=3");

        Assert.Equal([titles[7], titles[6], titles[5]], items.Select(i => i.EntityId));
    }

    [Fact]
    public async Task Lists_RejectBadParameters_With400NamingThem()
    {
        const string tenant = "list-parameters";
        var ingest = api.ClientFor("feed", tenant, "ingest");
        var id = (await PutAsync(ingest, ["Only Title"]))[0];
        var user = api.ClientFor("user", tenant);

        foreach (var (url, field) in new[]
        {
            ("/api/v1/trending?window=2h", "window"),
            ("/api/v1/trending?limit=0", "limit"),
            ("/api/v1/trending?limit=101", "limit"),
            ("/api/v1/trending?kind=bogus", "kind"),
            ("/api/v1/recommendations?limit=0", "limit"),
            ("/api/v1/recommendations?limit=101", "limit"),
            ("/api/v1/recommendations?kind=bogus", "kind"),
            ($"/api/v1/entities/{id}/similar?limit=0", "limit"),
            ($"/api/v1/entities/{id}/similar?limit=101", "limit"),
        })
        {
            var errors = (await (await user.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{url}: {errors}");
        }

        await (await user.GetAsync($"/api/v1/entities/{Guid.NewGuid()}/similar", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/trending?window=24h&limit=100&kind=movie", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/recommendations?limit=1&kind=episode", Ct)).StatusCode);
    }

    [Fact]
    public async Task Tenants_NeverSeeEachOthersTitles_InAnyList()
    {
        // The same titles in both tenants: the model gives them the same vectors, the nearest a leak could find.
        var a = await IngestAsync(api, "iso-a");
        var b = await IngestAsync(api, "iso-b");
        var userA = api.ClientFor("same-name", "iso-a");
        var userB = api.ClientFor("same-name", "iso-b");
        await userA.RecordAsync(a.Of(SciFi).Take(5).Select(id => (id, "like")).ToArray());
        await userB.RecordAsync(b.Of(SciFi).Take(5).Select(id => (id, "like")).ToArray());
        await api.RunTrendingJobAsync();

        var lists = new[]
        {
            await userB.RecommendationsAsync("?limit=100"),
            await userB.SimilarAsync(b.Of(SciFi)[0], 100),
            await userB.TrendingAsync("?window=7d&limit=100"),
        };
        var similarAcross = await userB.GetAsync($"/api/v1/entities/{a.Of(SciFi)[0]}/similar", Ct);
        var interactionAcross = await userB.PostAsJsonAsync("/api/v1/interactions", new { entityId = a.Of(SciFi)[0], type = "like" }, Ct);

        Assert.All(lists, list => Assert.NotEmpty(list));
        Assert.All(lists, list => Assert.Subset(b.Ids.ToHashSet(), list.Select(i => i.EntityId).ToHashSet()));
        Assert.Equal(5, lists[2].Count);
        await similarAcross.ReadProblemAsync(HttpStatusCode.NotFound);
        var errors = (await interactionAcross.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("entityId", out _), errors.ToString());
    }

    /// <summary>Titles with vectors of their own (no model), one batch; their ids in order.</summary>
    private static async Task<IReadOnlyList<Guid>> PutAsync(HttpClient ingest, IEnumerable<string> titles)
    {
        var response = await ingest.PutAsJsonAsync("/api/v1/catalog/entities", new
        {
            entities = titles.Select((title, i) =>
            {
                var embedding = new float[CatalogVectors.Dimensions];
                embedding[i] = 1;
                return new { kind = "movie", title, embedding };
            }),
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CatalogIngestResult>(Ct))!.Ids;
    }
}
