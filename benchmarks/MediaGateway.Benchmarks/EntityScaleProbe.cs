using System.Diagnostics;
using System.Globalization;
using MediaGateway.Application;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure;
using MediaGateway.Infrastructure.EntityResolution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaGateway.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- entity-scale [batches]`: a batch of 1,000
/// new titled ids resolved into tenants of 10,000 and 100,000 entities whose titles share common words (issue 17),
/// for two title generators: the issue's own (three words of a 16-word vocabulary) and a catalog-like one (one to
/// three of 50 common title words, half the titles with a word of their own). Tenants are seeded once and kept
/// (`bench-er2-*`); each timed batch is deleted again, so every batch meets the same tenant.
/// Prints markdown table rows.
/// </summary>
public static class EntityScaleProbe
{
    private static readonly string[] Vocabulary16 =
        ["love", "night", "man", "dead", "house", "last", "day", "life", "story", "war", "city", "girl", "world", "time", "dark", "king"];

    private static readonly string[] CommonWords =
    [
        "love", "night", "man", "dead", "house", "last", "day", "life", "story", "war", "city", "girl", "world", "time", "dark",
        "king", "blood", "home", "star", "black", "white", "little", "big", "road", "heart", "fire", "water", "secret", "lost",
        "summer", "winter", "river", "moon", "sun", "game", "dream", "wild", "shadow", "blue", "red", "death", "lady", "street",
        "american", "great", "golden", "queen", "island", "empire", "ghost",
    ];

    public static async Task RunAsync(int batches)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        var resolver = services.GetRequiredService<EntityResolver>();
        var store = services.GetRequiredService<PostgresEntityStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        foreach (var (generator, title) in new (string, Func<Random, string>)[] { ("vocab16", Vocab16Title), ("catalog", CatalogTitle) })
        {
            foreach (var size in new[] { 10_000, 100_000 })
            {
                var tenant = $"bench-er2-{generator}-{size / 1000}k";
                await SeedAsync(store, dataSource, tenant, size, title);
                var random = new Random(7);
                // Ids never used before, in this run or an earlier one: Redis keeps an earlier run's mappings for a day.
                var next = Random.Shared.Next(100_000_000, 2_000_000_000);
                var created = new List<Guid>();
                var used = new List<string>();
                var times = await MeasureAsync(batches, async () =>
                {
                    var items = Enumerable.Range(0, 1000)
                        .Select(_ => new ResolutionInput([Tvdb(next++)], EntityKind.Series, title(random), 1950 + random.Next(76), null))
                        .ToList();
                    used.AddRange(items.Select(i => i.Ids[0].Value));
                    var outcomes = await resolver.ResolveAsync(tenant, items, CancellationToken.None);
                    created.AddRange(outcomes.Where(o => o.Status == ResolutionStatus.Created).Select(o => o.EntityId));
                    return outcomes.Count(o => o.Status == ResolutionStatus.Resolved);
                }, async () =>
                {
                    await using var delete = dataSource.CreateCommand("DELETE FROM entities WHERE tenant_id = $1 AND id = ANY($2)");
                    delete.Parameters.AddWithValue(tenant);
                    delete.Parameters.AddWithValue(created.ToArray());
                    await delete.ExecuteNonQueryAsync();
                    await using var mappings = dataSource.CreateCommand("DELETE FROM entity_mappings WHERE tenant_id = $1 AND id_type = 'tvdb' AND external_id = ANY($2)");
                    mappings.Parameters.AddWithValue(tenant);
                    mappings.Parameters.AddWithValue(used.ToArray());
                    await mappings.ExecuteNonQueryAsync();
                    (created, used) = ([], []);
                    await using var vacuum = dataSource.CreateCommand("VACUUM entities, entity_mappings");
                    await vacuum.ExecuteNonQueryAsync();
                });
                var searches = await MeasureAsync(batches, async () =>
                {
                    var queries = Enumerable.Range(0, 1000)
                        .Select(i => new MatchQuery(i, EntityKind.Series, TitleNormalizer.Normalize(title(random)), 1950 + random.Next(76), null)).ToList();
                    return (await store.FindCandidatesAsync(tenant, queries, 5, 0.85, CancellationToken.None)).Count;
                }, () => Task.CompletedTask);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| Resolve 1,000 new titled ids, {generator} titles, tenant of {size:N0} entities | {times.Count} | {Ms(times, 50)} | {Ms(times, 99)} |"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| &nbsp;&nbsp;its candidate search alone (1,000 titles) | {searches.Count} | {Ms(searches, 50)} | {Ms(searches, 99)} |"));
            }
        }
    }

    /// <summary>
    /// Inserts titles until the tenant holds <paramref name="size"/> entities, through the store's own insert (so
    /// with their title bands), without resolving them: resolving would link the many repeated titles of a small
    /// vocabulary to each other and never reach the size.
    /// </summary>
    private static async Task SeedAsync(PostgresEntityStore store, NpgsqlDataSource dataSource, string tenant, int size, Func<Random, string> title)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM entities WHERE tenant_id = $1");
        count.Parameters.AddWithValue(tenant);
        var stored = (int)(long)(await count.ExecuteScalarAsync())!;
        var random = new Random(size);
        for (var next = stored; next < size; next += 1000)
        {
            var entities = Enumerable.Range(next, Math.Min(1000, size - next))
                .Select(_ => new Entity(Guid.CreateVersion7(), EntityKind.Series, title(random), 1950 + random.Next(76), null)).ToList();
            await store.SaveAsync(tenant, entities, [], CancellationToken.None);
        }

        await using var analyze = dataSource.CreateCommand("VACUUM ANALYZE entities, entity_mappings");
        await analyze.ExecuteNonQueryAsync();
    }

    private static string Vocab16Title(Random random) =>
        string.Join(' ', Enumerable.Range(0, 3).Select(_ => Vocabulary16[random.Next(Vocabulary16.Length)]));

    /// <summary>Half the titles: two common words and one of their own; a quarter three common words; a quarter one of each.</summary>
    private static string CatalogTitle(Random random)
    {
        string Common() => CommonWords[random.Next(CommonWords.Length)];
        string Own() => string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => "bcdfgklmnprstvz"[random.Next(15)].ToString() + "aeiou"[random.Next(5)]));
        var shape = random.NextDouble();
        return shape < 0.5 ? $"{Common()} {Common()} {Own()}" : shape < 0.75 ? $"{Common()} {Common()} {Common()}" : $"{Common()} {Own()}";
    }

    private static ExternalId Tvdb(int number) => ExternalId.Parse(ExternalIdType.Tvdb, number.ToString(CultureInfo.InvariantCulture), "series");

    private static async Task<List<double>> MeasureAsync(int count, Func<Task<int>> call, Func<Task> after)
    {
        for (var i = 0; i < 2; i++)
        {
            await call();   // warm-up: JIT, pool, prepared statements
            await after();
        }

        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await after();
        }

        samples.Sort();
        return samples;
    }

    private static string Ms(List<double> sorted, int percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)].ToString("0.000", CultureInfo.InvariantCulture);
}
