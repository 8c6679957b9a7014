using System.Diagnostics;
using System.Globalization;
using System.Text;
using MediaGateway.Api.Cli.Seed;
using MediaGateway.Application;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaGateway.Benchmarks;

/// <summary>
/// <c>recommendation-eval [--tenant T] [--entities N] [--users M] [--seed S] [--vectors model|synthetic]
/// [--taste motif|genre] [--lambda L] [--candidates C] [--half-life-days D] [--diagnose true] [--write docs/benchmarks.md]</c>: an
/// offline evaluation of recommendations on the seed command's data (same seed, same titles and users), generated
/// in process. Each user with at least five interactions holds out their last new title; the service's own
/// <see cref="GetRecommendationsHandler"/>, decayed popularity, 7-day trending and random picks each rank the whole
/// catalog for them. The markdown section printed (and, with --write, put between the markers in that file) gives
/// HR@10, NDCG@10, catalog coverage and intra-list diversity of each, and what the data allows at best.
/// </summary>
/// <remarks>
/// Titles are embedded by the configured model (all-MiniLM-L6-v2 in process by default) or, with
/// <c>--vectors synthetic</c>, get <see cref="SyntheticVectors"/>. --taste picks how fine the users' planted
/// tastes are (<see cref="TasteDepth"/>): favourite motifs within favourite genres (the seed command's), or genres
/// only (the generator before motifs), to report both. --lambda, --candidates and --half-life-days
/// override the recommender's <see cref="RecommendationOptions"/> (the baselines keep the defaults), to compare
/// settings on the same data. --diagnose adds prototype rows (a popularity prior on the taste; not in the service)
/// and prints where the held-out titles sit to stderr.
/// </remarks>
public static class RecommendationEvaluation
{
    public const string StartMarker = "<!-- recommendation-eval:start -->";
    public const string EndMarker = "<!-- recommendation-eval:end -->";

    private const int ListLength = 10;
    private const int MinInteractions = 5;
    private const int EmbeddingChunk = 500;
    private const string Usage =
        "usage: recommendation-eval [--tenant T] [--entities N] [--users M] [--seed S] [--vectors model|synthetic] [--taste motif|genre] " +
        "[--lambda 0..1] [--candidates 1..50] [--half-life-days D] [--diagnose true] [--write docs/benchmarks.md]";

    /// <summary>Prototype strengths of the taste in <c>prior × exp(κ · cosine)</c> (--diagnose).</summary>
    private static readonly double[] PrototypeKappas = [1, 3, 5];

    /// <summary>Where the generated histories end. Fixed, so a seed gives the same timestamps on every run.</summary>
    private static readonly DateTimeOffset HistoryEnd = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (!Settings.TryParse(args, out var settings, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var started = Stopwatch.GetTimestamp();
        var generator = new SyntheticCatalog(settings.Seed, settings.Titles);
        var titles = generator.ToList();
        var (vectors, modelId, source) = settings.ModelVectors ? await EmbedAsync(titles) : Synthetic(titles, settings.Seed);
        var catalog = new EvaluationCatalog(titles, vectors, modelId);
        var embedding = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var users = new SyntheticUsers(generator, settings.Users, HistoryEnd, settings.Taste);
        var weights = settings.Options.WeightsFor(settings.Tenant);
        var holdouts = new List<Holdout>();
        var all = new List<EvaluationInteraction>();
        foreach (var activity in users.Activities())
        {
            var history = activity.Interactions
                .Select(i => new EvaluationInteraction(catalog.IndexOf(i.EntityId), i.Type, i.Rating, i.OccurredAt, weights.Of(i.Type, i.Rating)))
                .OrderBy(i => i.At)   // stable: an engagement's steps keep their order within a second
                .ToList();
            all.AddRange(history);
            if (Holdout.Of(activity.User, history) is { } holdout)
            {
                holdouts.Add(holdout);
            }
        }

        var log = new InteractionLog(all, catalog.Count);
        var results = await EvaluateAsync(settings, catalog, log, holdouts);
        var evaluation = Stopwatch.GetElapsedTime(started);

        var run = new RunFacts(settings, source, users.Count, log.Count, embedding, evaluation);
        var section = Render(run, catalog, holdouts, results);
        await Console.Out.WriteAsync(section);
        if (settings.Diagnose)
        {
            await Console.Error.WriteAsync(Diagnosis(holdouts, results, settings.Options));
        }

        if (settings.WritePath is { } path)
        {
            await WriteSectionAsync(path, section);
            await Console.Error.WriteLineAsync($"wrote the recommendation-eval section of {path}");
        }

        return 0;
    }

    /// <summary>Every method's top 10 for every held-out user, in <paramref name="holdouts"/> order.</summary>
    private static async Task<UserResult[]> EvaluateAsync(Settings settings, EvaluationCatalog catalog, InteractionLog log, IReadOnlyList<Holdout> holdouts)
    {
        var options = settings.Options;
        var baseline = new RecommendationOptions();
        var handlerOptions = Options.Create(options);
        var embedder = new PreEmbeddedModel(catalog.ModelId);
        var reference = new PlantedTasteReference(catalog);
        var week = TrendingWindow.Week;
        var results = new UserResult[holdouts.Count];

        await Parallel.ForEachAsync(Enumerable.Range(0, holdouts.Count), async (n, ct) =>
        {
            var holdout = holdouts[n];
            var seen = holdout.Training.Select(i => i.Title).ToHashSet();
            var popularity = log.DecayedScores(holdout.At, null, baseline.HalfLife);
            var trending = log.DecayedScores(holdout.At, TrendingWindows.Length(week), TrendingWindows.HalfLife(week));

            var store = new InMemoryRecommendationStore(catalog, log, holdout.Training, holdout.At, options);
            var handler = new GetRecommendationsHandler(store, embedder, handlerOptions);
            var list = await handler.Handle(
                new GetRecommendationsQuery(new UserRef(settings.Tenant, holdout.User.UserId), new TitleListParameters(ListLength, TitleFilter.Any)), ct);

            int[] Top(double[] scores) => [.. EvaluationCatalog.Top(scores, ListLength, seen.Contains, positiveOnly: true)];
            var lists = new List<int[]>
            {
                list.Items.Select(item => catalog.IndexOf(item.EntityId)).ToArray(),
                Top(popularity),
                Top(trending),
                RandomUnseen(catalog.Count, seen, new Random(SeedFor(settings.Seed, holdout.User.UserId))),
            };

            int? targetTasteRank = null;
            if (settings.Diagnose)
            {
                var taste = store.Taste().Mean;
                var similarities = new double[catalog.Count];
                if (taste is not null)
                {
                    catalog.Similarities(taste, VectorMath.Norm(taste), similarities);
                    targetTasteRank = similarities.Where((_, i) => !seen.Contains(i) && i != holdout.Target).Count(s => s > similarities[holdout.Target]);
                }

                // Not the service: popular titles, weighted up by closeness to the taste.
                lists.AddRange(PrototypeKappas.Select(kappa => Top([.. popularity.Select((score, i) => Math.Max(score, 0) * Math.Exp(kappa * similarities[i]))])));
            }

            var favourites = holdout.User.FavouriteGenres;
            results[n] = new UserResult(
                [.. lists],
                CeilingHit: Top(reference.GeneratorOdds(holdout.User, seen)).Contains(holdout.Target),
                PlantedPopularityHit: Top(reference.WithinGenres(popularity, favourites)).Contains(holdout.Target),
                TargetInPlantedGenre: reference.InGenres(holdout.Target, favourites),
                ListInPlantedGenres: lists[0].Length == 0 ? 0 : lists[0].Count(title => reference.InGenres(title, favourites)) / (double)lists[0].Length,
                TargetTasteRank: targetTasteRank);
        });

        return results;
    }

    private static IReadOnlyList<string> MethodNames(Settings settings)
    {
        var options = settings.Options;
        var defaults = new RecommendationOptions();
        var week = TrendingWindow.Week;
        return
        [
            string.Create(Invariant, $"recommender (GetRecommendationsHandler: taste, nearest, MMR λ {options.DiversityLambda:0.##}, cold-start blend)"),
            string.Create(Invariant, $"popularity (decayed, half-life {defaults.HalfLifeDays:0.##} d)"),
            string.Create(Invariant, $"trending (7-day window, half-life {TrendingWindows.HalfLife(week).TotalHours:0} h)"),
            "random (unseen titles)",
            .. settings.Diagnose
                ? PrototypeKappas.Select(kappa => string.Create(Invariant, $"prototype, not in the service: popularity × exp({kappa:0.#} · cosine to taste)"))
                : [],
        ];
    }

    private static int[] RandomUnseen(int catalogSize, HashSet<int> seen, Random random)
    {
        var picks = new List<int>(ListLength);
        while (picks.Count < Math.Min(ListLength, catalogSize - seen.Count))
        {
            var title = random.Next(catalogSize);
            if (!seen.Contains(title) && !picks.Contains(title))
            {
                picks.Add(title);
            }
        }

        return [.. picks];
    }

    /// <summary>A seed per user (FNV-1a of the id), so random picks do not depend on which thread evaluates whom.</summary>
    private static int SeedFor(int seed, string userId)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in userId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash & int.MaxValue);
    }

    private static async Task<(IReadOnlyList<float[]> Vectors, string ModelId, string Source)> EmbedAsync(IReadOnlyList<SeedTitle> titles)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddApplication().AddInfrastructure(configuration).BuildServiceProvider();
        var embedder = services.GetRequiredService<ITextEmbedder>();
        var vectors = new List<float[]>(titles.Count);
        var started = Stopwatch.GetTimestamp();
        foreach (var chunk in titles.Chunk(EmbeddingChunk))
        {
            vectors.AddRange(await embedder.EmbedAsync([.. chunk.Select(t => CatalogEntry.TextOf(t.Title, t.Genres, t.Description))], CancellationToken.None));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Console.Error.WriteLineAsync(string.Create(Invariant, $"embedded {vectors.Count:N0}/{titles.Count:N0} titles ({vectors.Count / seconds:0} texts/s)"));
        }

        var rate = titles.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (vectors, embedder.ModelId, string.Create(Invariant,
            $"computed by {embedder.ModelId}, the configured model, in process ({rate:0} texts/s in this run); the text embedded is the seed command's"));
    }

    private static (IReadOnlyList<float[]> Vectors, string ModelId, string Source) Synthetic(IReadOnlyList<SeedTitle> titles, int seed)
    {
        var synthetic = new SyntheticVectors(seed);
        return ([.. titles.Select(synthetic.VectorOf)], $"synthetic/{synthetic.UsedDimensions}",
            "synthetic genre-clustered stand-ins (SyntheticVectors, as `seed --vectors synthetic` stores them), not a model's");
    }

    private static string Render(RunFacts run, EvaluationCatalog catalog, IReadOnlyList<Holdout> holdouts, UserResult[] results)
    {
        var options = run.Settings.Options;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(Invariant)).Append('\n');
        var names = MethodNames(run.Settings);
        var scores = names.Select((_, m) => Score(m, catalog, holdouts, results)).ToList();
        var popularity = scores[1].HitRate;
        string VersusPopularity(double hitRate) => popularity == 0 ? "∞" : (hitRate / popularity).ToString("0.00", Invariant);

        Line($"## Recommendations: offline evaluation");
        Line($"");
        Line($"Written by `dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- {run.Settings.CommandLine}` on {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC.");
        Line($"");
        Line($"- Data: the seed command's generator, in process, seed {run.Settings.Seed}: {catalog.Count:N0} titles, {run.Users:N0} users with planted tastes ({Taste(run.Settings.Taste)}), {run.Interactions:N0} interactions over 90 days. {holdouts.Count:N0} users evaluated (those with at least {MinInteractions} interactions).");
        Line($"- Vectors: {run.Source}.");
        Line($"- Recommender settings: half-life {options.HalfLifeDays:0.##} d, MMR λ {options.DiversityLambda:0.##}, {options.CandidatesPerItem} candidates per item, cold start below {options.ColdStartInteractions} interactions.");
        Line($"- Protocol: each user's history in time order; the held-out target is the last interaction with a title not met before, and training is everything before it.");
        Line($"  Every method ranks the whole catalog (no sampled negatives) without the user's training titles and lists {ListLength}; a hit at rank r (from 0) scores NDCG 1/log2(r + 2).");
        Line($"  Popularity and trending count every user's interactions strictly before the target's time: nothing from the future.");
        Line($"  The recommender is the service's GetRecommendationsHandler over an in-memory store: taste folded from the training interactions, exact cosine over all titles, trending as of the target's time.");
        Line($"- Run time: {run.Embedding.TotalSeconds:0.0} s to generate and embed the titles, {run.Evaluation.TotalSeconds:0.0} s to generate the users and evaluate every method.");
        Line($"");
        Line($"| method | HR@10 | NDCG@10 | coverage | intra-list diversity |");
        Line($"| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, score) in names.Zip(scores))
        {
            Line($"| {name} | {score.HitRate:0.000} | {score.Ndcg:0.000} | {score.Coverage:0.000} | {score.Diversity:0.000} |");
        }

        Line($"");
        Line($"HR@10 vs popularity: {VersusPopularity(scores[0].HitRate)} (goal ≥ 2)");
        Line($"");
        var users = Math.Max(1, holdouts.Count);
        var ceiling = results.Count(r => r.CeilingHit) / (double)users;
        var planted = results.Count(r => r.PlantedPopularityHit) / (double)users;
        Line($"What this data allows: {(run.Settings.Taste == TasteDepth.Motif
            ? "users pick titles by planted genre and, within it, mostly from planted motifs their text names (by a flatter popularity curve), else by the genre's popularity order."
            : "users pick titles by planted genre and, within a genre, by one popularity order that title text does not carry.")}");
        Line($"Knowing each user's planted {(run.Settings.Taste == TasteDepth.Motif ? "genres and motifs" : "genres")} (no method above does), the generator's own odds reach HR@10 {ceiling:0.000} ({VersusPopularity(ceiling)} × popularity), and popularity within those genres {planted:0.000} ({VersusPopularity(planted)} ×){(ceiling < 2 * popularity ? ", so no ranker can be expected to reach the goal on this data" : "")}.");
        return text.ToString();
    }

    private static string Taste(TasteDepth taste) => taste == TasteDepth.Motif
        ? "taste depth motif: favourite motifs within favourite genres"
        : "taste depth genre: favourite genres only, one popularity order within each";

    /// <summary>Where the held-out titles sit, for the --diagnose report on stderr.</summary>
    private static string Diagnosis(IReadOnlyList<Holdout> holdouts, UserResult[] results, RecommendationOptions options)
    {
        var users = Math.Max(1, holdouts.Count);
        var ranks = results.Where(r => r.TargetTasteRank is not null).Select(r => r.TargetTasteRank!.Value).Order().ToList();
        string Rank(double quantile) => ranks.Count == 0 ? "-" : ranks[(int)(quantile * (ranks.Count - 1))].ToString(Invariant);
        string Share(Func<int, bool> count) => (Enumerable.Range(0, holdouts.Count).Count(count) / (double)users).ToString("0.000", Invariant);
        return string.Create(Invariant, $"""

            diagnosis over {holdouts.Count:N0} users:
              cold start (training below {options.ColdStartInteractions} interactions): {Share(n => holdouts[n].Training.Count < options.ColdStartInteractions)}
              held-out title in a planted genre: {Share(n => results[n].TargetInPlantedGenre)}
              recommender's titles in a planted genre: {results.Average(r => r.ListInPlantedGenres):0.000}
              held-out title's rank by cosine to the taste, among unseen titles (0 = nearest): p25 {Rank(0.25)}, median {Rank(0.5)}, p75 {Rank(0.75)}; within 10: {ranks.Count(r => r < 10) / (double)users:0.000}, within 100: {ranks.Count(r => r < 100) / (double)users:0.000}

            """);
    }

    private static Scores Score(int method, EvaluationCatalog catalog, IReadOnlyList<Holdout> holdouts, UserResult[] results)
    {
        double hits = 0, gain = 0, diversity = 0;
        var lists = 0;
        var recommended = new HashSet<int>();
        for (var n = 0; n < holdouts.Count; n++)
        {
            var list = results[n].Lists[method];
            recommended.UnionWith(list);
            var rank = Array.IndexOf(list, holdouts[n].Target);
            if (rank is >= 0 and < ListLength)
            {
                hits++;
                gain += 1 / Math.Log2(rank + 2);
            }

            if (list.Length >= 2)
            {
                var distance = 0.0;
                for (var a = 0; a < list.Length; a++)
                {
                    for (var b = a + 1; b < list.Length; b++)
                    {
                        distance += 1 - catalog.Cosine(list[a], list[b]);
                    }
                }

                diversity += distance / (list.Length * (list.Length - 1) / 2);
                lists++;
            }
        }

        var users = Math.Max(1, holdouts.Count);
        return new Scores(hits / users, gain / users, (double)recommended.Count / catalog.Count, lists == 0 ? 0 : diversity / lists);
    }

    /// <summary>Puts <paramref name="section"/> between the markers of <paramref name="path"/>, or appends it with them.</summary>
    private static async Task WriteSectionAsync(string path, string section)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var block = $"{StartMarker}\n{section}{EndMarker}";
        var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf(EndMarker, start, StringComparison.Ordinal);
        if (end >= 0)
        {
            text = string.Concat(text.AsSpan(0, start), block, text.AsSpan(end + EndMarker.Length));
        }
        else
        {
            var separator = text.Length == 0 ? "" : text.EndsWith('\n') ? "\n" : "\n\n";
            text = text + separator + block + "\n";
        }

        await File.WriteAllTextAsync(path, text);
    }

    /// <summary>One user's held-out title and what came before it.</summary>
    private sealed record Holdout(SeedUser User, IReadOnlyList<EvaluationInteraction> Training, int Target, DateTimeOffset At)
    {
        /// <summary>
        /// The last interaction whose title the user had not met before is the target, and everything before it is
        /// training (what follows it only revisits titles already met); null below <see cref="MinInteractions"/>.
        /// </summary>
        public static Holdout? Of(SeedUser user, IReadOnlyList<EvaluationInteraction> history)
        {
            if (history.Count < MinInteractions)
            {
                return null;
            }

            var met = new HashSet<int>();
            var target = -1;
            for (var i = 0; i < history.Count; i++)
            {
                if (met.Add(history[i].Title))
                {
                    target = i;
                }
            }

            return target < 0 ? null : new Holdout(user, [.. history.Take(target)], history[target].Title, history[target].At);
        }
    }

    /// <param name="Lists">Each method's list, in <see cref="MethodNames"/> order.</param>
    /// <param name="TargetTasteRank">How many unseen titles are nearer the taste than the target; null without a taste.</param>
    private sealed record UserResult(
        int[][] Lists, bool CeilingHit, bool PlantedPopularityHit, bool TargetInPlantedGenre, double ListInPlantedGenres, int? TargetTasteRank);

    private sealed record Scores(double HitRate, double Ndcg, double Coverage, double Diversity);

    private sealed record RunFacts(Settings Settings, string Source, int Users, int Interactions, TimeSpan Embedding, TimeSpan Evaluation);

    private sealed record Settings(
        string Tenant, int Titles, int Users, int Seed, bool ModelVectors, TasteDepth Taste, bool Diagnose, string? WritePath, RecommendationOptions Options, string CommandLine)
    {
        public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string error)
        {
            settings = null!;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                {
                    error = $"'{args[i]}' needs a value.";
                    return false;
                }

                values[args[i]] = args[i + 1];
            }

            string? Value(string name) => values.Remove(name, out var value) ? value : null;
            int Int(string name, int fallback, int min, int max) => Value(name) is not { } text ? fallback
                : int.TryParse(text, NumberStyles.Integer, Invariant, out var n) && n >= min && n <= max ? n : throw Bad(name, text);
            double Real(string name, double fallback, double min, double max) => Value(name) is not { } text ? fallback
                : double.TryParse(text, NumberStyles.Float, Invariant, out var x) && x >= min && x <= max ? x : throw Bad(name, text);

            try
            {
                var tenant = Value("--tenant") ?? "eval";
                var titles = Int("--entities", 5_000, 20, 1_000_000);
                var users = Int("--users", 2_000, 1, 1_000_000);
                var seed = Int("--seed", 42, int.MinValue, int.MaxValue);
                var model = Value("--vectors") switch
                {
                    null or "model" => true,
                    "synthetic" => false,
                    var other => throw Bad("--vectors", other),
                };
                var taste = Value("--taste") switch
                {
                    null or "motif" => TasteDepth.Motif,
                    "genre" => TasteDepth.Genre,
                    var other => throw Bad("--taste", other),
                };
                var diagnose = Value("--diagnose") switch
                {
                    null or "false" => false,
                    "true" => true,
                    var other => throw Bad("--diagnose", other),
                };
                var options = new RecommendationOptions();
                options.DiversityLambda = Real("--lambda", options.DiversityLambda, 0, 1);
                options.CandidatesPerItem = Int("--candidates", options.CandidatesPerItem, 1, 50);
                options.HalfLifeDays = Real("--half-life-days", options.HalfLifeDays, 0.01, 3650);
                var write = Value("--write");
                if (values.Count > 0)
                {
                    error = $"Unknown option {values.Keys.First()}.";
                    return false;
                }

                // The command as written, without where it was written to.
                var shown = args.Where((_, i) => args[i - i % 2] != "--write");
                settings = new Settings(tenant, titles, users, seed, model, taste, diagnose, write, options, string.Join(' ', ["recommendation-eval", .. shown]));
                error = "";
                return true;
            }
            catch (ArgumentException bad)
            {
                error = bad.Message;
                return false;
            }
        }

        private static ArgumentException Bad(string name, string value) => new($"{name} {value} is not valid.");
    }
}
