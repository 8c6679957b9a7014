using System.Diagnostics;
using System.Globalization;
using MediaGateway.Application;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Platform.Caching;
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
        // The Postgres store itself, not the caching decorator in front of it: these rows time Postgres.
        var store = services.GetRequiredService<PostgresEntityStore>();
        var resolver = services.GetRequiredService<EntityResolver>();
        var tenant = $"bench-probe-{Stopwatch.GetTimestamp()}";

        // 10,000 mappings to look up, created the way ingestion creates them.
        var seeded = Enumerable.Range(0, 10_000).Select(i => Tvdb(i + 1)).ToList();
        foreach (var chunk in seeded.Chunk(1000))
        {
            await resolver.ResolveAsync(tenant, chunk.Select(id => new ResolutionInput([id], EntityKind.Series, RandomTitle(), 2020, null)).ToList(), CancellationToken.None);
        }

        var exact = await MeasureAsync(20_000, i => store.FindMappingsAsync(tenant, [seeded[i % seeded.Count]], CancellationToken.None));

        // Each batch creates 1,000 entities, removed again after it is timed so every batch meets the same 10,000;
        // and vacuumed, so autovacuum does not clean up after the harness in the middle of a timed batch.
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        async Task RemoveBatchAsync()
        {
            await using var cleanup = dataSource.CreateCommand($"DELETE FROM entities WHERE tenant_id = '{tenant}' AND year = 2021");
            await cleanup.ExecuteNonQueryAsync();
            await using var vacuum = dataSource.CreateCommand("VACUUM entities, entity_mappings");
            await vacuum.ExecuteNonQueryAsync();
        }

        var batches = 0;
        var batch = await MeasureAsync(30, async _ =>
        {
            batches++;
            var items = Enumerable.Range(0, 1000)
                .Select(i => new ResolutionInput([Tvdb(1_000_000 + (batches * 1000) + i)], EntityKind.Series, RandomTitle(), 2021, null))
                .ToList();
            return await resolver.ResolveAsync(tenant, items, CancellationToken.None);
        }, RemoveBatchAsync);

        // Where a batch's time goes: each stage alone, on 1,000 new ids (p50 of 10 runs).
        var cache = services.GetRequiredKeyedService<TieredCache<CachedMapping>>(EntityResolutionModule.MappingCacheName);
        var stages = new List<(string Stage, double P50)>();
        var round = 0;
        async Task Stage(string name, Func<List<ExternalId>, List<ResolutionInput>, Task> stage, bool cleanup = false)
        {
            var times = await MeasureAsync(10, async _ =>
            {
                round++;
                var inputs = Enumerable.Range(0, 1000)
                    .Select(i => new ResolutionInput([Tvdb(50_000_000 + (round * 1000) + i)], EntityKind.Series, RandomTitle(), 2021, null)).ToList();
                await stage(inputs.Select(x => x.Ids[0]).ToList(), inputs);
                return 0;
            }, cleanup ? RemoveBatchAsync : null);
            stages.Add((name, times[times.Count / 2]));
        }

        await Stage("cache tiers (L1 probe, pipelined L2 reads)", (ids, _) => cache.GetManyAsync(tenant, ids.Select(id => $"tvdb:{id.Value}"), CancellationToken.None).AsTask());
        await Stage("Postgres lookup of the misses", (ids, _) => store.FindMappingsAsync(tenant, ids, CancellationToken.None));
        await Stage("title candidates", (_, inputs) => store.FindCandidatesAsync(tenant,
            inputs.Select((x, i) => new MatchQuery(i, EntityKind.Series, TitleNormalizer.Normalize(x.Title!), 2021, null)).ToList(), 5, 0.85, CancellationToken.None));
        await Stage("one transaction: 1,000 entities and mappings", (ids, inputs) => store.SaveAsync(tenant,
            inputs.Select(x => new Entity(Guid.CreateVersion7(), EntityKind.Series, x.Title!, 2021, null)).ToList() is var entities ? entities : [],
            [], CancellationToken.None), cleanup: true);
        await Stage("cache writes (L1 and Redis)", (ids, _) => Task.WhenAll(ids.Select(id =>
            cache.SetAsync(tenant, $"tvdb:{id.Value}", new CachedMapping(Guid.NewGuid(), 1), null, CancellationToken.None).AsTask())));

        await using (var drop = dataSource.CreateCommand($"DELETE FROM entities WHERE tenant_id = '{tenant}'"))
        {
            await drop.ExecuteNonQueryAsync();   // mappings go with their entities (cascade)
        }

        Console.WriteLine($"| Postgres exact lookup (the Postgres store, one id, 10,000 mappings, sequential) | {exact.Count} | {Ms(exact, 50)} | {Ms(exact, 99)} |");
        foreach (var (stage, p50) in stages)
        {
            Console.WriteLine($"| &nbsp;&nbsp;stage alone: {stage} | 10 | {p50.ToString("0.000", CultureInfo.InvariantCulture)} | |");
        }

        Console.WriteLine($"| Resolve 1,000 new titled ids into a 10,000-entity tenant, in process (cache, lookup, title candidates, one transaction) | {batch.Count} | {Ms(batch, 50)} | {Ms(batch, 99)} |");
    }

    /// <summary>Three random words: titles that share few trigrams, as distinct titles in a catalog do.</summary>
    private static string RandomTitle() => string.Join(' ', Enumerable.Range(0, 3).Select(_ =>
        new string(Enumerable.Range(0, Random.Shared.Next(4, 9)).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray())));

    private static ExternalId Tvdb(int number) => ExternalId.Parse(ExternalIdType.Tvdb, number.ToString(CultureInfo.InvariantCulture), "series");

    private static async Task<List<double>> MeasureAsync<T>(int count, Func<int, Task<T>> call, Func<Task>? after = null)
    {
        for (var i = 0; i < Math.Max(3, count / 100); i++)
        {
            await call(i);   // warm-up: JIT, pool, prepared statements
            await (after?.Invoke() ?? Task.CompletedTask);
        }

        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await (after?.Invoke() ?? Task.CompletedTask);
        }

        samples.Sort();
        return samples;
    }

    private static string Ms(List<double> sorted, int percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)].ToString("0.000", CultureInfo.InvariantCulture);
}
