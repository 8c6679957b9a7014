using System.Diagnostics;
using System.Diagnostics.Metrics;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaGateway.Benchmarks;

/// <summary>
/// `interaction-ingest <tenant> [callers] [events per call] [seconds]`: interactions recorded straight through the
/// store (the group-commit writer), without HTTP, by concurrent callers over 1,000 users of a seeded tenant:
/// events per second and the writer's batch sizes. Separates the writer's own speed from the HTTP path's.
/// </summary>
public static class InteractionIngestProbe
{
    public static async Task RunAsync(string tenant, int callers, int eventsPerCall, int seconds)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<IInteractionStore>();
        var model = services.GetRequiredService<ITextEmbedder>().ModelId;
        var titles = new List<Guid>();
        await using (var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT id FROM entities WHERE tenant_id = $1 ORDER BY id LIMIT 5000"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                titles.Add(reader.GetGuid(0));
            }
        }

        var batchSizes = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "mediagateway.group_commit.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(value);
            }
        });
        listener.Start();

        var run = Guid.NewGuid().ToString("N")[..8];
        var halfLife = TimeSpan.FromDays(30);
        long events = 0;
        var latencies = new List<double>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            var mine = new List<double>();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var user = new UserRef(tenant, $"probe-{random.Next(1000):D4}");
                var interactions = Enumerable.Range(0, eventsPerCall).Select(i => new NewInteraction(
                    titles[random.Next(titles.Count)], InteractionType.Play, 1, null, TimeProvider.System.GetUtcNow(), $"probe-{run}-{caller}-{n}-{i}")).ToList();
                var sent = Stopwatch.GetTimestamp();
                await store.RecordAsync(user, interactions, model, halfLife, CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Add(ref events, eventsPerCall);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

        latencies.Sort();
        batchSizes.Sort();
        Console.WriteLine($"{callers} callers x {eventsPerCall} events: {events / elapsed:F0} events/s, " +
            $"p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms, " +
            $"{batchSizes.Count} batches, median {batchSizes[batchSizes.Count / 2]} writes");
        foreach (var table in new[] { "interactions", "user_profiles" })
        {
            await using var cleanup = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                $"DELETE FROM {table} WHERE tenant_id = $1 AND user_id LIKE 'probe-%'");
            cleanup.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await cleanup.ExecuteNonQueryAsync();
        }
    }
}
