using System.Diagnostics;
using System.Globalization;
using MediaGateway.Application;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.Catalog;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- entity-latency`: per-call latency
/// percentiles that BenchmarkDotNet does not report, against the Postgres and Redis of scripts/infra.sh
/// (ConnectionStrings__* from `scripts/infra.sh env`). Prints markdown table rows.
/// </summary>
public static class EntityLatencyProbe
{
    public static async Task RunAsync()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<IEntityStore>();
        var resolver = services.GetRequiredService<EntityResolver>();
        var tenant = $"bench-probe-{Stopwatch.GetTimestamp()}";

        // 10,000 mappings to look up, created the way ingestion creates them.
        var seeded = Enumerable.Range(0, 10_000).Select(i => Tvdb(i + 1)).ToList();
        foreach (var chunk in seeded.Chunk(1000))
        {
            await resolver.ResolveAsync(tenant, chunk.Select(id => new ResolutionInput([id], EntityKind.Series, RandomTitle(), 2020, null)).ToList(), CancellationToken.None);
        }

        var exact = await MeasureAsync(20_000, i => store.FindMappingsAsync(tenant, [seeded[i % seeded.Count]], CancellationToken.None));
        var batches = 0;
        var batch = await MeasureAsync(30, _ =>
        {
            batches++;
            var items = Enumerable.Range(0, 1000)
                .Select(i => new ResolutionInput([Tvdb(1_000_000 + batches * 1000 + i)], EntityKind.Series, RandomTitle(), 2021, null))
                .ToList();
            return resolver.ResolveAsync(tenant, items, CancellationToken.None);
        });

        Console.WriteLine($"| Postgres exact lookup (IEntityStore, one id, 10,000 mappings, sequential) | {exact.Count} | {Ms(exact, 50)} | {Ms(exact, 99)} |");
        Console.WriteLine($"| Resolve 1,000 new ids in process (cache, lookup, candidates, one transaction) | {batch.Count} | {Ms(batch, 50)} | {Ms(batch, 99)} |");
    }

    /// <summary>Three random words: titles that share few trigrams, as distinct titles in a catalog do.</summary>
    private static string RandomTitle() => string.Join(' ', Enumerable.Range(0, 3).Select(_ =>
        new string(Enumerable.Range(0, Random.Shared.Next(4, 9)).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray())));

    private static ExternalId Tvdb(int number) => ExternalId.Parse(ExternalIdType.Tvdb, number.ToString(CultureInfo.InvariantCulture), "series");

    private static async Task<List<double>> MeasureAsync<T>(int count, Func<int, Task<T>> call)
    {
        for (var i = 0; i < Math.Min(count, 200); i++)
        {
            await call(i);   // warm-up: JIT, pool, prepared statements
        }

        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return samples;
    }

    private static string Ms(List<double> sorted, int percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)].ToString("0.000", CultureInfo.InvariantCulture);
}
