using System.Security.Cryptography;
using System.Text;
using MediaGateway.Api.Cli.Seed;
using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Api.IntegrationTests.Seed;

public sealed class SyntheticCatalogTests
{
    [Fact]
    public void Titles_SameSeedAndCount_AreByteIdentical()
    {
        var first = Fingerprint(new SyntheticCatalog(seed: 7, count: 1500));
        var second = Fingerprint(new SyntheticCatalog(seed: 7, count: 1500));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Titles_DifferentSeed_Differ()
    {
        var a = new SyntheticCatalog(seed: 7, count: 500).ToList();
        var b = new SyntheticCatalog(seed: 8, count: 500).ToList();

        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
        Assert.Empty(a.Select(t => t.Id).Intersect(b.Select(t => t.Id)));
        Assert.True(a.Zip(b).Count(pair => pair.First.Title == pair.Second.Title) < 25);
    }

    [Fact]
    public void Title_ByIndex_EqualsTheStreamedTitle_AndALargerCatalogExtendsASmallerOne()
    {
        var small = new SyntheticCatalog(seed: 3, count: 400);
        var large = new SyntheticCatalog(seed: 3, count: 1200);

        var streamed = small.Titles().ToList();

        Assert.Equal(Fingerprint(streamed), Fingerprint(Enumerable.Range(0, small.Count).Select(small.Title)));
        Assert.Equal(Fingerprint(streamed), Fingerprint(large.Titles().Take(small.Count)));
        Assert.Equal(streamed[123].Id, small.IdOf(123));
    }

    [Fact]
    public void Titles_Count_IsExact_WithDistinctIds_AndSaneFields()
    {
        var catalog = new SyntheticCatalog(seed: 11, count: 3000, latestYear: 2025);

        var titles = catalog.ToList();

        Assert.Equal(3000, titles.Count);
        Assert.Equal(3000, titles.Select(t => t.Id).Distinct().Count());
        Assert.All(titles, t =>
        {
            Assert.InRange(t.Genres.Count, 1, 2);
            Assert.All(t.Genres, genre => Assert.Contains(genre, SyntheticCatalog.Genres));
            Assert.Equal(t.Genres.Count, t.Genres.Distinct().Count());
            Assert.InRange(t.Year, 1940, 2025);
            Assert.InRange(t.Title.Length, 2, TitleNormalizer.MaxTitleLength);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
            Assert.Equal(8, t.Id.Version);
        });
        Assert.Empty(new SyntheticCatalog(seed: 11, count: 0).Titles());
    }

    [Fact]
    public void Titles_AreMostlyMoviesAndSeries_WithSomeSeasonsEpisodesAndSecondGenres()
    {
        var titles = new SyntheticCatalog(seed: 5, count: 4000).ToList();

        var kinds = titles.CountBy(t => t.Kind).ToDictionary();

        Assert.True(kinds[EntityKind.Movie] + kinds[EntityKind.Series] > 0.85 * titles.Count);
        Assert.True(kinds[EntityKind.Movie] > kinds[EntityKind.Series]);
        Assert.True(kinds.GetValueOrDefault(EntityKind.Season) > 0);
        Assert.True(kinds.GetValueOrDefault(EntityKind.Episode) > 0);
        Assert.InRange(titles.Count(t => t.Genres.Count == 2), 0.2 * titles.Count, 0.5 * titles.Count);
        Assert.Equal(SyntheticCatalog.Genres.Count, titles.Select(t => t.Genres[0]).Distinct().Count());
    }

    [Fact]
    public void Titles_AreMostlyDistinct_WithSomeRemakesAndSequels()
    {
        var titles = new SyntheticCatalog(seed: 9, count: 5000).ToList();

        var distinct = titles.Select(t => t.Title).Distinct().Count();

        Assert.True(distinct > 0.9 * titles.Count, $"{distinct} distinct titles of {titles.Count}");
        Assert.Contains(titles, t => t.Description.StartsWith("A remake of", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Description.StartsWith("The sequel to", StringComparison.Ordinal));
        var remake = titles.First(t => t.Description.StartsWith("A remake of", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Title == remake.Title && t.Year < remake.Year);
    }

    [Fact]
    public void Words_OfOneGenre_OverlapMoreThanWordsOfDifferentGenres()
    {
        // Single-genre originals only: a second genre or a "remake of …" prefix would mix vocabularies.
        var texts = new SyntheticCatalog(seed: 21, count: 6000).Titles()
            .Where(t => t.Genres.Count == 1 && t.Kind is EntityKind.Movie or EntityKind.Series
                && !t.Description.StartsWith("A remake of", StringComparison.Ordinal)
                && !t.Description.StartsWith("The sequel to", StringComparison.Ordinal))
            .GroupBy(t => t.Genres[0])
            .SelectMany(group => group.Take(25).Select(t => (Genre: group.Key, Words: Words($"{t.Title}. {t.Description}"))))
            .ToList();
        // The sentence frames ("a", "in", "about", "the story follows") are the same for every genre: leave them out.
        var frames = texts.SelectMany(t => t.Words).CountBy(word => word)
            .Where(pair => pair.Value > 0.2 * texts.Count).Select(pair => pair.Key).ToHashSet();
        texts.ForEach(t => t.Words.ExceptWith(frames));

        var pairs = texts.SelectMany((a, i) => texts.Skip(i + 1).Select(b => (Same: a.Genre == b.Genre, Jaccard: Jaccard(a.Words, b.Words))))
            .ToList();
        var within = pairs.Where(p => p.Same).Average(p => p.Jaccard);
        var across = pairs.Where(p => !p.Same).Average(p => p.Jaccard);

        Assert.Equal(12, texts.Select(t => t.Genre).Distinct().Count());
        Assert.True(within > 4 * across, $"within {within:F3}, across {across:F3}, frames {string.Join(' ', frames)}");
    }

    [Fact]
    public void Motifs_AreNamedInEveryDescription_AndInManyTitles_AndKeptByDerivedTitles()
    {
        var catalog = new SyntheticCatalog(seed: 23, count: 3000);

        var titles = catalog.ToList();

        Assert.All(titles.Select((t, i) => (Title: t, Index: i)), x =>
        {
            Assert.Contains(x.Title.Motif, SyntheticCatalog.MotifsOf(x.Title.Genres[0]));
            Assert.Equal(x.Title.Motif, catalog.MotifOf(x.Index));
            Assert.Contains(x.Title.Motif, x.Title.Description, StringComparison.Ordinal);
        });
        var named = titles.Count(t => t.Title.Contains(Bare(t.Motif), StringComparison.OrdinalIgnoreCase));
        Assert.InRange(named, 0.3 * titles.Count, 0.7 * titles.Count);
        Assert.Equal(16, titles.Where(t => t.Genres[0] == "crime").Select(t => t.Motif).Distinct().Count());
        var season = titles.First(t => t.Kind == EntityKind.Season);
        Assert.Equal(titles.First(t => t.Kind == EntityKind.Series && season.Title.StartsWith(t.Title + ":", StringComparison.Ordinal)).Motif, season.Motif);
    }

    [Fact]
    public void Words_OfOneMotif_OverlapMoreThanWordsOfOtherMotifsOfTheGenre()
    {
        var texts = new SyntheticCatalog(seed: 21, count: 6000).Titles()
            .Where(t => t.Genres.Count == 1 && t.Kind is EntityKind.Movie or EntityKind.Series)
            .Select(t => (t.Genres[0], t.Motif, Words: Words($"{t.Title}. {t.Description}")))
            .ToList();

        var pairs = texts.SelectMany((a, i) => texts.Skip(i + 1).Take(300)
            .Where(b => b.Item1 == a.Item1)
            .Select(b => (Same: a.Motif == b.Motif, Jaccard: Jaccard(a.Words, b.Words)))).ToList();
        var within = pairs.Where(p => p.Same).Average(p => p.Jaccard);
        var across = pairs.Where(p => !p.Same).Average(p => p.Jaccard);

        Assert.True(within > 1.3 * across, $"same motif {within:F3}, other motifs of the genre {across:F3}");
    }

    private static string Bare(string place) => place.StartsWith("the ", StringComparison.Ordinal) ? place[4..] : place;

    internal static HashSet<string> Words(string text) =>
        [.. text.ToLowerInvariant().Split([' ', '.', ',', ':', '\''], StringSplitOptions.RemoveEmptyEntries)];

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));

    private static string Fingerprint(SyntheticCatalog catalog) => Fingerprint(catalog.Titles());

    internal static string Fingerprint(IEnumerable<SeedTitle> titles)
    {
        var text = new StringBuilder();
        foreach (var t in titles)
        {
            text.Append(t.Id).Append('|').Append(t.Kind).Append('|').Append(t.Title).Append('|').Append(t.Year).Append('|')
                .AppendJoin(',', t.Genres).Append('|').Append(t.Description).Append('|').Append(t.Motif).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
