using System.Net;
using MediaGateway.Api.IntegrationTests.Catalog;
using MediaGateway.Application.Sync.Progress;
using static MediaGateway.Api.IntegrationTests.Catalog.GenreCatalog;

namespace MediaGateway.Api.IntegrationTests.Recommendations;

/// <summary>
/// Personal recommendations over HTTP, on titles the real model embedded: taste follows interactions at once,
/// exclusions hold (including completions reported through sync progress), and erasure forgets the user.
/// </summary>
/// <remarks>Each test works in a tenant of its own: the class's tests share one database.</remarks>
public sealed class RecommendationEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recommendations_AfterFiveInteractionsWithOneGenre_PutThatGenreFirst_BecauseOfTheirTitles()
    {
        const string tenant = "rec-taste";
        var catalog = await IngestAsync(api, tenant);
        var romance = catalog.Of(Romance);
        var fan = api.ClientFor("fan", tenant);
        var watched = romance.Take(5).ToList();

        await fan.RecordAsync((watched[0], "like"), (watched[1], "like"), (watched[2], "complete"), (watched[3], "complete"), (watched[4], "play"));
        var items = await fan.RecommendationsAsync("?limit=10");

        // Eight romance titles, five seen (a recommendation is for something new): the other three lead the list.
        var expectedReasons = watched.Select(id => (string?)$"because you watched {catalog.NameOf(id)}").ToHashSet();
        var top = items.Take(3).ToList();
        Assert.Equal(10, items.Count);
        Assert.True(top.All(i => catalog.ClusterOf(i.EntityId) == Romance), RecommendationCalls.ReasonNames(items));
        Assert.Equal(romance.Except(watched).Order(), top.Select(i => i.EntityId).Order());
        Assert.Empty(items.Select(i => i.EntityId).Intersect(watched));
        Assert.All(top, i => Assert.Contains(i.Reason, expectedReasons));
    }

    [Fact]
    public async Task Recommendations_NeverIncludeTitlesTheUserInteractedWith_OrCompletedThroughSyncProgress()
    {
        const string tenant = "rec-exclude";
        var catalog = await IngestAsync(api, tenant);
        var sciFi = catalog.Of(SciFi);
        var (disliked, completed, finishedOnTv) = (sciFi[5], sciFi[6], sciFi[7]);
        var viewer = api.ClientFor("viewer", tenant);
        var neighbour = api.ClientFor("neighbour", tenant);
        var tv = api.ClientFor("viewer", tenant);
        tv.DefaultRequestHeaders.Add("X-Device-Id", "living-room-tv");
        var liked = sciFi.Take(5).Select(id => (id, "like")).ToArray();

        await viewer.RecordAsync([.. liked, (disliked, "dislike"), (completed, "complete")]);
        var progress = await tv.PutAsJsonAsync($"/api/v1/progress/{finishedOnTv}",
            new { positionSeconds = 5_600, durationSeconds = 6_000, state = "stopped" }, Ct);
        await neighbour.RecordAsync(liked);
        var top = await viewer.RecommendationsAsync("?limit=5");
        var all = await viewer.RecommendationsAsync("?limit=100");
        var neighbours = await neighbour.RecommendationsAsync("?limit=8");

        Assert.True((await progress.Content.ReadFromJsonAsync<ProgressItemDto>(Ct))!.Completed);
        Guid[] excluded = [disliked, completed, finishedOnTv];
        // The same taste without those interactions would list them: the exclusion is what keeps them out.
        Assert.Subset(neighbours.Select(i => i.EntityId).ToHashSet(), excluded.ToHashSet());
        Assert.Equal(5, top.Count);
        Assert.Empty(top.Select(i => i.EntityId).Intersect(excluded));
        Assert.Equal(catalog.Ids.Except(excluded).Except(liked.Select(l => l.id)).Order(), all.Select(i => i.EntityId).Order());
    }

    [Fact]
    public async Task Recommendations_ReflectNewInteractionsInTheNextAnswer()
    {
        const string tenant = "rec-fresh";
        var catalog = await IngestAsync(api, tenant);
        var user = api.ClientFor("cook", tenant);
        await user.RecordAsync(catalog.Of(SciFi).Take(5).Select(id => (id, "like")).ToArray());

        var before = await user.RecommendationsAsync("?limit=5");
        var cooked = catalog.Of(Cooking).Take(5).ToList();
        await user.RecordAsync(cooked.SelectMany(id => new[] { (id, "like"), (id, "play"), (id, "complete") }).ToArray());
        var after = await user.RecommendationsAsync("?limit=5");

        // Three sci-fi titles are left unseen, then three cooking ones: the new taste leads the next answer.
        var unseenCooking = catalog.Of(Cooking).Except(cooked).ToList();
        Assert.True(before.Take(3).All(i => catalog.ClusterOf(i.EntityId) == SciFi), RecommendationCalls.ReasonNames(before));
        Assert.Equal(Cooking, catalog.ClusterOf(after[0].EntityId));
        Assert.True(after.Count(i => unseenCooking.Contains(i.EntityId)) >= 2, RecommendationCalls.ReasonNames(after));
    }

    [Fact]
    public async Task DeleteProfile_Is204_ThenTheUserIsColdStartAgain_AndOnlyTheirRowsAreGone()
    {
        const string tenant = "rec-erase";
        var catalog = await IngestAsync(api, tenant);
        var alice = api.ClientFor("alice", tenant);
        await alice.RecordAsync(catalog.Of(Romance).Take(5).Select(id => (id, "like")).ToArray());
        await api.ClientFor("bob", tenant).RecordAsync((catalog.Of(Cooking)[0], "like"));

        var before = await alice.RecommendationsAsync();
        var erased = await alice.DeleteAsync("/api/v1/me/profile", Ct);
        var after = await alice.RecommendationsAsync();
        var stranger = await api.ClientFor("never-seen", tenant).RecommendationsAsync();

        Assert.StartsWith("because you watched", before[0].Reason);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        // What a user the service never saw gets: nothing of alice's taste is left to personalise with.
        Assert.Equal(20, after.Count);
        Assert.Equal(stranger.Select(i => i.EntityId), after.Select(i => i.EntityId));
        Assert.DoesNotContain(after, i => i.Reason?.StartsWith("because you watched", StringComparison.Ordinal) == true);
        Assert.Equal(0, await CountAsync("interactions", tenant, "alice"));
        Assert.Equal(0, await CountAsync("user_profiles", tenant, "alice"));
        Assert.Equal(1, await CountAsync("interactions", tenant, "bob"));
        Assert.Equal(1, await CountAsync("user_profiles", tenant, "bob"));
    }

    private async Task<long> CountAsync(string table, string tenant, string user) =>
        await api.Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = '{tenant}' AND user_id = '{user}'");
}
