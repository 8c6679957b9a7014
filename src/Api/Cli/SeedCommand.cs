using System.Globalization;
using MediaGateway.Api.Cli.Seed;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace MediaGateway.Api.Cli;

/// <summary>
/// <c>seed --tenant T --entities N --users M [--seed S] [--vectors model|synthetic]</c>: a demo catalog of N titles
/// and M users with interactions drawn from planted tastes, deterministic for a seed. Titles are embedded by the
/// configured model up to <see cref="ModelVectorsUpTo"/> titles; larger catalogs get genre-clustered stand-in
/// vectors made without the model (the command says so), which <c>reembed --all</c> replaces.
/// </summary>
internal static class SeedCommand
{
    public const int ModelVectorsUpTo = 5_000;
    private const int TitleBatch = 500;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration)
    {
        var options = new CommandLine(args);
        if (options.Value("--tenant") is not { Length: > 0 } tenant || !TryCount(options.Value("--entities"), out var entities)
            || !TryCount(options.Value("--users") ?? "0", out var users, allowZero: true))
        {
            Console.Error.WriteLine("usage: seed --tenant <id> --entities <count> [--users <count>] [--seed <number>] [--vectors model|synthetic]");
            return 2;
        }

        var seed = int.TryParse(options.Value("--seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 42;
        var useModel = options.Value("--vectors") switch
        {
            "model" => true,
            "synthetic" => false,
            _ => entities <= ModelVectorsUpTo,
        };

        await using var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole())
            .AddApplication().AddInfrastructure(configuration)
            .BuildServiceProvider();
        var catalogStore = provider.GetRequiredService<ICatalogStore>();
        var interactionStore = provider.GetRequiredService<IInteractionStore>();
        var embedder = provider.GetRequiredService<ITextEmbedder>();
        var recommendations = provider.GetRequiredService<IOptions<RecommendationOptions>>().Value;
        var time = provider.GetRequiredService<TimeProvider>();
        var progress = SeedProgress.ForConsole(time);

        var catalog = new SyntheticCatalog(seed, entities);
        var vectors = new SyntheticVectors(seed);
        Console.Out.WriteLine(useModel
            ? $"vectors: computed by {embedder.ModelId}"
            : $"vectors: synthetic genre-clustered stand-ins stored as {embedder.ModelId}, not computed by the model " +
              $"(more than {ModelVectorsUpTo:N0} titles; run `reembed --tenant {tenant} --all` to replace them, or seed with --vectors model)");

        progress.Start("titles", catalog.Count);
        foreach (var batch in catalog.Titles().Chunk(TitleBatch))
        {
            var embeddings = useModel
                ? await embedder.EmbedAsync(batch.Select(t => CatalogEntry.TextOf(t.Title, t.Genres, t.Description)).ToList(), CancellationToken.None)
                : batch.Select(vectors.VectorOf).ToList();
            var entries = batch.Select((t, i) => new CatalogEntry(
                new Entity(t.Id, t.Kind, t.Title, t.Year, embeddings[i]), t.Genres, t.Description, null, embedder.ModelId)).ToList();
            await catalogStore.UpsertAsync(tenant, entries, CancellationToken.None);
            progress.Advance(batch.Length);
        }

        progress.Complete();
        if (users == 0)
        {
            return 0;
        }

        var synthetic = new SyntheticUsers(catalog, users, time.GetUtcNow());
        var weights = recommendations.WeightsFor(tenant);
        progress.Start("interactions", synthetic.InteractionCount());
        // A few users at a time: each user's interactions are one transaction holding that user's profile.
        await Parallel.ForEachAsync(Enumerable.Range(0, synthetic.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, ct) =>
        {
            var activity = synthetic.Activity(index);
            // Event ids of the seed's own: seeding again (at a later "now") records nothing twice.
            var interactions = activity.Interactions
                .Select((i, n) => new NewInteraction(i.EntityId, i.Type, weights.Of(i.Type, i.Rating), i.Rating, i.OccurredAt, $"seed:{seed}:{index}:{n}"))
                .ToList();
            await interactionStore.RecordAsync(new UserRef(tenant, activity.User.UserId), interactions, embedder.ModelId, recommendations.HalfLife, ct);
            progress.Advance(interactions.Count);
        });
        progress.Complete();
        Console.Out.WriteLine($"seeded tenant {tenant}: {entities:N0} titles, {users:N0} users (seed {seed}); trending follows within " +
            $"{recommendations.TrendingIntervalSeconds} s of the service running");
        return 0;
    }

    private static bool TryCount(string? value, out int count, bool allowZero = false) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) && (count > 0 || (allowZero && count == 0));
}
