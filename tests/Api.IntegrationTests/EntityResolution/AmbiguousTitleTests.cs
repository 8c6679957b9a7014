using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.EntityResolution;

/// <summary>A title without a year that two stored films match equally is not guessed: 201 with the candidates.</summary>
public sealed class AmbiguousTitleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resolve_WithoutAYear_TwoNamesakes_Is201WithANewEntity_AndBothCandidates()
    {
        var ingest = api.ClientFor("feed", "tenant-ambiguous", "ingest");
        var early = await CreatedIdAsync(ingest, new { externalIds = new[] { new { type = "imdb", value = "tt0038787" } }, title = "Notorious", year = 1946, kind = "movie" });
        var late = await CreatedIdAsync(ingest, new { externalIds = new[] { new { type = "imdb", value = "tt0472198" } }, title = "Notorious", year = 2009, kind = "movie" });

        var response = await ingest.PostAsJsonAsync("/api/v1/entities/resolve",
            new { externalIds = new[] { new { type = "tmdb", value = "303", kind = "movie" } }, title = "NOTORIOUS", kind = "movie" }, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var batch = await ingest.PostAsJsonAsync("/api/v1/entities/resolve/batch", new
        {
            items = new[] { new { externalIds = new[] { new { type = "tmdb", value = "7445", kind = "movie" } }, title = "Notorious", kind = "movie" } },
        }, Ct);
        var item = (await batch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0];

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = body.GetProperty("entityId").GetGuid();
        Assert.DoesNotContain(created, new[] { early, late });
        Assert.Equal("created", body.GetProperty("method").GetString());
        Assert.Equal(
            [(early, "Notorious", 1946, 0.9), (late, "Notorious", 2009, 0.9)],
            body.GetProperty("candidates").EnumerateArray()
                .Select(c => (c.GetProperty("entityId").GetGuid(), c.GetProperty("title").GetString(), c.GetProperty("year").GetInt32(), c.GetProperty("score").GetDouble()))
                .OrderBy(c => c.Item3));
        Assert.Equal(201, item.GetProperty("status").GetInt32());
        Assert.Contains(early, item.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("entityId").GetGuid()));
        // An unambiguous answer carries no candidates field at all.
        var dated = await (await ingest.PostAsJsonAsync("/api/v1/entities/resolve",
            new { externalIds = new[] { new { type = "tmdb", value = "9999", kind = "movie" } }, title = "Notorious", year = 2009, kind = "movie" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(late, dated.GetProperty("entityId").GetGuid());
        Assert.False(dated.TryGetProperty("candidates", out _));
    }

    private async Task<Guid> CreatedIdAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/entities/resolve", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entityId").GetGuid();
    }
}
