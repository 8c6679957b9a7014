using MediaGateway.Api.Cli.Seed;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace MediaGateway.Api.Cli;

/// <summary>
/// <c>reembed --tenant T [--all]</c>: after a model change, embeds the tenant's titles whose vectors are of another
/// model (with <c>--all</c>, every title), then rebuilds the users' tastes from their interactions under the new
/// model. Without --all it resumes where a stopped run ended.
/// </summary>
internal static class ReembedCommand
{
    private const int Batch = 256;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration)
    {
        var options = new CommandLine(args);
        if (options.Value("--tenant") is not { Length: > 0 } tenant)
        {
            Console.Error.WriteLine("usage: reembed --tenant <id> [--all]");
            return 2;
        }

        await using var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole())
            .AddApplication().AddInfrastructure(configuration)
            .BuildServiceProvider();
        var catalog = provider.GetRequiredService<ICatalogStore>();
        var interactions = provider.GetRequiredService<IInteractionStore>();
        var embedder = provider.GetRequiredService<ITextEmbedder>();
        var halfLife = provider.GetRequiredService<IOptions<RecommendationOptions>>().Value.HalfLife;
        var progress = SeedProgress.ForConsole(provider.GetRequiredService<TimeProvider>());
        var ct = CancellationToken.None;

        // "--all" re-embeds titles already labelled with this model (the seed's stand-in vectors): a marker no title
        // has makes every title "not embedded by" it, and the titles then get the real model's label.
        var outdatedOf = options.Flag("--all") ? $"{embedder.ModelId}#all" : embedder.ModelId;
        Console.Out.WriteLine($"re-embedding tenant {tenant} with {embedder.ModelId}");
        progress.Start("titles", await catalog.CountNotEmbeddedByAsync(tenant, outdatedOf, ct));
        Guid? after = null;
        while (await catalog.ReadNotEmbeddedByAsync(tenant, outdatedOf, after, Batch, ct) is { Count: > 0 } entries)
        {
            var vectors = await embedder.EmbedAsync(entries.Select(e => e.Text).ToList(), ct);
            await catalog.SetEmbeddingsAsync(tenant, embedder.ModelId, entries.Select((e, i) => (e.Entity.Id, vectors[i])).ToList(), ct);
            after = entries[^1].Entity.Id;
            progress.Advance(entries.Count);
        }

        progress.Complete();

        progress.Start("tastes", 0);
        string? afterUser = null;
        while (await interactions.UsersWithTasteNotOfAsync(tenant, outdatedOf, afterUser, Batch, ct) is { Count: > 0 } users)
        {
            foreach (var user in users)
            {
                await interactions.RebuildTasteAsync(new UserRef(tenant, user), embedder.ModelId, halfLife, ct);
            }

            afterUser = users[^1];
            progress.Advance(users.Count);
        }

        progress.Complete();
        return 0;
    }
}
