using System.Net;
using MediaGateway.Application.Recommendations;
using MediaGateway.Infrastructure.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests.Recommendations;

/// <summary>The calls the recommendation tests make, asserting that each one succeeded.</summary>
internal static class RecommendationCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records the caller's interactions in one batch (time: now).</summary>
    public static async Task<InteractionsRecorded> RecordAsync(this HttpClient user, params (Guid EntityId, string Type)[] interactions)
    {
        var response = await user.PostAsJsonAsync("/api/v1/interactions/batch",
            new { interactions = interactions.Select(i => new { entityId = i.EntityId, type = i.Type }) }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<InteractionsRecorded>(Ct))!;
    }

    public static async Task<IReadOnlyList<TitleListItem>> RecommendationsAsync(this HttpClient user, string query = "") =>
        (await user.GetFromJsonAsync<TitleList>($"/api/v1/recommendations{query}", Ct))!.Items;

    public static async Task<IReadOnlyList<TitleListItem>> SimilarAsync(this HttpClient user, Guid entityId, int limit) =>
        (await user.GetFromJsonAsync<TitleList>($"/api/v1/entities/{entityId}/similar?limit={limit}", Ct))!.Items;

    public static async Task<IReadOnlyList<TitleListItem>> TrendingAsync(this HttpClient user, string query = "") =>
        (await user.GetFromJsonAsync<TitleList>($"/api/v1/trending{query}", Ct))!.Items;

    /// <summary>
    /// One pass of the trending job in the service, as its schedule would run it. Trending lists are cached for
    /// <c>Recommendations:Search:CacheSeconds</c>, so a test runs it before the first list of its tenant is read.
    /// </summary>
    public static Task<int> RunTrendingJobAsync(this ApiFactory api) => api.Services.GetRequiredService<TrendingJob>().RunOnceAsync(Ct);

    public static string ReasonNames(IEnumerable<TitleListItem> items) => string.Join("; ", items.Select(i => $"{i.Title} ({i.Reason})"));
}
