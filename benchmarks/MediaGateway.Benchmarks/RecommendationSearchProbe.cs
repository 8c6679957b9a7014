using System.Diagnostics;
using System.Globalization;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- recommendation-search --tenant T`: on a
/// seeded tenant (`seed --tenant T --entities 100000 --users 2000`), the nearest-title search the recommendations
/// run, approximate (HNSW with iterative scans, at several ef_search) against exact (every title compared): recall@20
/// and per-query latency. Queries are the taste vectors of seeded users, each excluding what the user has seen, as
/// GET /recommendations asks them. Prints markdown table rows.
/// </summary>
public static class RecommendationSearchProbe
{
    private const int Limit = 20;

    public static async Task RunAsync(string tenant, int queries)
    {
        var ct = CancellationToken.None;
        var baseSettings = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var exactServices = Services(baseSettings, new() { ["Recommendations:Search:ExactSearchMaxTitles"] = "10000000" });
        var exact = exactServices.GetRequiredService<IRecommendationStore>();
        var model = exactServices.GetRequiredService<ITextEmbedder>().ModelId;

        // Taste vectors of seeded users, in a fixed order.
        var tastes = new List<UserTaste>();
        for (var i = 0; tastes.Count < queries && i < queries * 4; i++)
        {
            var taste = await exact.GetTasteAsync(new UserRef(tenant, $"user-{i:D6}"), model, 20, ct);
            if (taste.Vector is not null && taste.InteractionCount >= 5)
            {
                tastes.Add(taste);
            }
        }

        if (tastes.Count == 0)
        {
            throw new InvalidOperationException($"Tenant {tenant} has no seeded users with a taste: run the seed command first.");
        }

        var truth = new List<HashSet<Guid>>();
        var exactTimes = new List<double>();
        foreach (var taste in tastes)
        {
            var started = Stopwatch.GetTimestamp();
            var nearest = await exact.FindNearestAsync(tenant, model, taste.Vector!, TitleFilter.Any, taste.Excluded, Limit, ct);
            exactTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            truth.Add(nearest.Select(n => n.EntityId).ToHashSet());
        }

        var titles = await TitleCountAsync(exactServices, tenant);
        var label = $"{tenant} ({titles:N0} titles)";
        Console.WriteLine($"| {label} | exact (every title of the tenant) | 1.000 | {Percentile(exactTimes, 0.5):F2} | {Percentile(exactTimes, 0.99):F2} | 1.0 |");
        foreach (var (efSearch, order) in new[] { (40, "relaxed_order"), (100, "relaxed_order"), (200, "relaxed_order"), (200, "strict_order"), (300, "relaxed_order") })
        {
            await using var services = Services(baseSettings, new()
            {
                ["Recommendations:Search:ExactSearchMaxTitles"] = "0",
                ["Recommendations:Search:EfSearch"] = efSearch.ToString(CultureInfo.InvariantCulture),
                ["Recommendations:Search:IterativeScan"] = order,
            });
            var approximate = services.GetRequiredService<IRecommendationStore>();
            // One pass to warm the index pages and the JIT, one measured.
            foreach (var taste in tastes.Take(20))
            {
                await approximate.FindNearestAsync(tenant, model, taste.Vector!, TitleFilter.Any, taste.Excluded, Limit, ct);
            }

            var times = new List<double>();
            var found = 0;
            for (var q = 0; q < tastes.Count; q++)
            {
                var started = Stopwatch.GetTimestamp();
                var nearest = await approximate.FindNearestAsync(tenant, model, tastes[q].Vector!, TitleFilter.Any, tastes[q].Excluded, Limit, ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                found += nearest.Count(n => truth[q].Contains(n.EntityId));
            }

            var recall = (double)found / truth.Sum(t => t.Count);
            Console.WriteLine($"| {label} | HNSW, ef_search {efSearch}, {order.Replace('_', ' ')} | {recall:F3} | {Percentile(times, 0.5):F2} | {Percentile(times, 0.99):F2} | " +
                $"{Percentile(exactTimes, 0.5) / Percentile(times, 0.5):F1} |");
        }
    }

    private static async Task<long> TitleCountAsync(IServiceProvider services, string tenant)
    {
        await using var command = services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM entities WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static ServiceProvider Services(IConfiguration baseSettings, Dictionary<string, string?> overrides) =>
        new ServiceCollection().AddLogging().AddApplication()
            .AddInfrastructure(new ConfigurationBuilder().AddConfiguration(baseSettings).AddInMemoryCollection(overrides).Build())
            .BuildServiceProvider();

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];
    }
}

/// <summary>
/// `... -- embedding-throughput`: texts per second of the configured embedding model (all-MiniLM-L6-v2 by
/// default), one text per call and in batches of 64. Prints markdown table rows.
/// </summary>
public static class EmbeddingThroughputProbe
{
    public static async Task RunAsync()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        var texts = Enumerable.Range(0, 640)
            .Select(i => $"Title {i}. drama, crime. A detective in a rainy harbour city follows case number {i} into the past.").ToList();
        await embedder.EmbedAsync(texts.Take(64).ToList(), CancellationToken.None);   // loads the model, warms up

        var started = Stopwatch.GetTimestamp();
        foreach (var text in texts.Take(200))
        {
            await embedder.EmbedAsync([text], CancellationToken.None);
        }

        var single = 200 / Stopwatch.GetElapsedTime(started).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        foreach (var batch in texts.Chunk(64))
        {
            await embedder.EmbedAsync(batch, CancellationToken.None);
        }

        var batched = texts.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"| {embedder.ModelId}, one text per call | {single:F0} |");
        Console.WriteLine($"| {embedder.ModelId}, batches of 64 | {batched:F0} |");
    }
}
