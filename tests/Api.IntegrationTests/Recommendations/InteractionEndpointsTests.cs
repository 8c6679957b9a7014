using System.Net;
using System.Text.Json;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;

namespace MediaGateway.Api.IntegrationTests.Recommendations;

/// <summary>POST /api/v1/interactions and /interactions/batch: what is accepted, what is rejected (storing nothing), retries.</summary>
/// <remarks>Each test works in a tenant of its own: the class's tests share one database.</remarks>
public sealed class InteractionEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string One = "/api/v1/interactions";
    private const string Batch = "/api/v1/interactions/batch";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BadInteractions_Are400NamingTheField_AndRecordNothing()
    {
        const string tenant = "interactions-invalid";
        var titles = await PutTitlesAsync(tenant, 2);
        var user = api.ClientFor("picky", tenant);
        var tomorrow = TimeProvider.System.GetUtcNow().AddDays(1);

        var ratingWithoutValue = await user.PostAsJsonAsync(One, new { entityId = titles[0], type = "rating" }, Ct);
        var ratingOutOfRange = await user.PostAsJsonAsync(One, new { entityId = titles[0], type = "rating", value = 6 }, Ct);
        var valueOnALike = await user.PostAsJsonAsync(One, new { entityId = titles[0], type = "like", value = 5 }, Ct);
        var unknownType = await user.PostAsJsonAsync(One, new { entityId = titles[0], type = "bookmark" }, Ct);
        var future = await user.PostAsJsonAsync(One, new { entityId = titles[0], type = "play", occurredAt = tomorrow }, Ct);
        var unknownEntity = await user.PostAsJsonAsync(One, new { entityId = Guid.NewGuid(), type = "play" }, Ct);
        var tooMany = await user.PostAsJsonAsync(Batch, new
        {
            interactions = Enumerable.Range(0, 501).Select(i => new { entityId = titles[i % 2], type = "view", eventId = $"view-{i}" }),
        }, Ct);
        var unknownInBatch = await user.PostAsJsonAsync(Batch, new
        {
            interactions = new[] { new { entityId = titles[0], type = "like" }, new { entityId = Guid.NewGuid(), type = "like" }, new { entityId = titles[1], type = "like" } },
        }, Ct);

        Assert.Contains("1 to 5", (await ErrorsAsync(ratingWithoutValue)).GetProperty("value")[0].GetString());
        Assert.True((await ErrorsAsync(ratingOutOfRange)).TryGetProperty("value", out _));
        Assert.Contains("only for a rating", (await ErrorsAsync(valueOnALike)).GetProperty("value")[0].GetString());
        Assert.Contains("view, play, complete, like, dislike, watchlist, rating", (await ErrorsAsync(unknownType)).GetProperty("type")[0].GetString());
        Assert.True((await ErrorsAsync(future)).TryGetProperty("occurredAt", out _));
        Assert.True((await ErrorsAsync(unknownEntity)).TryGetProperty("entityId", out _));
        Assert.Contains("500", (await ErrorsAsync(tooMany)).GetProperty("interactions")[0].GetString());
        Assert.Equal(["interactions[1].entityId"], (await ErrorsAsync(unknownInBatch)).EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await CountAsync(tenant, "picky"));
    }

    [Fact]
    public async Task RetriedEvent_CountsOnce_AndEveryTypeIsAccepted()
    {
        const string tenant = "interactions-retry";
        var titles = await PutTitlesAsync(tenant, 2);
        var user = api.ClientFor("retrier", tenant);
        var like = new { entityId = titles[0], type = "like", eventId = "evt-1" };

        var first = await RecordedAsync(await user.PostAsJsonAsync(One, like, Ct));
        var retry = await RecordedAsync(await user.PostAsJsonAsync(One, like, Ct));
        var batch = await RecordedAsync(await user.PostAsJsonAsync(Batch, new
        {
            interactions = new object[]
            {
                like,
                new { entityId = titles[1], type = "rating", value = 4, eventId = "evt-2" },
                new { entityId = titles[1], type = "view", occurredAt = TimeProvider.System.GetUtcNow().AddHours(-2) },
                new { entityId = titles[1], type = "play" },
                new { entityId = titles[1], type = "complete" },
                new { entityId = titles[0], type = "dislike" },
                new { entityId = titles[0], type = "watchlist" },
            },
        }, Ct));

        Assert.Equal(new InteractionsRecorded(1, 0), first);
        Assert.Equal(new InteractionsRecorded(0, 1), retry);
        var sameIdOtherUser = await RecordedAsync(await api.ClientFor("someone-else", tenant).PostAsJsonAsync(One, like, Ct));

        Assert.Equal(new InteractionsRecorded(6, 1), batch);
        Assert.Equal(new InteractionsRecorded(1, 0), sameIdOtherUser);   // event ids are the user's own
        Assert.Equal(7, await CountAsync(tenant, "retrier"));
        Assert.Equal(4, await api.Database.ScalarAsync<short>(
            $"SELECT rating FROM interactions WHERE tenant_id = '{tenant}' AND event_id = 'evt-2'"));
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response) =>
        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

    private static async Task<InteractionsRecorded> RecordedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<InteractionsRecorded>(Ct))!;
    }

    private async Task<long> CountAsync(string tenant, string user) =>
        await api.Database.ScalarAsync<long>($"SELECT count(*) FROM interactions WHERE tenant_id = '{tenant}' AND user_id = '{user}'");

    private async Task<IReadOnlyList<Guid>> PutTitlesAsync(string tenant, int count)
    {
        var response = await api.ClientFor("feed", tenant, "ingest").PutAsJsonAsync("/api/v1/catalog/entities", new
        {
            entities = Enumerable.Range(0, count).Select(i =>
            {
                var embedding = new float[CatalogVectors.Dimensions];
                embedding[i] = 1;
                return new { kind = "movie", title = $"Title {i}", embedding };
            }),
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CatalogIngestResult>(Ct))!.Ids;
    }
}
