using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// One generated title. <see cref="Genres"/> holds the primary genre first, then at most one more. <see cref="Motif"/>
/// is its sub-genre within its primary genre, named by one of that genre's places (<see cref="SyntheticCatalog.MotifsOf"/>):
/// its description is set there and leads with the motif's theme and kind of protagonist; its title often names the place.
/// </summary>
public sealed record SeedTitle(Guid Id, EntityKind Kind, string Title, int Year, IReadOnlyList<string> Genres, string Description, string Motif);

/// <summary>
/// A deterministic demo catalog of <see cref="Count"/> titles for one seed: the same seed and count always give
/// the same titles, in the same order. Most titles are movies and series; a few are remakes, sequels, seasons
/// and episodes of earlier ones. Titles and descriptions of one genre share its vocabulary
/// (<see cref="SeedGenres"/>), so their text embeddings cluster by genre. Within its primary genre each title also
/// has a motif, a setting with a theme and a protagonist of its own that its description always carries and its
/// title often names, so titles of one motif sit
/// nearer each other than the rest of their genre: a taste finer than a genre that content can carry.
/// </summary>
/// <remarks>
/// The constructor draws only a compact plan per title (kind, genres, year, what it derives from: about 20 bytes);
/// the strings are built when a title is read, so <see cref="Titles"/> streams a catalog of any size in little
/// memory, and <see cref="Title"/> rebuilds any one title on its own. Within a genre, earlier titles are the
/// popular ones (<see cref="SyntheticUsers"/> picks them more often), and so within a motif. The motif comes from
/// its own random stream, so adding it left every title's kind, genres and year as they were. Nothing changes after construction, so
/// several threads may build titles at once (for example, one index range each).
/// </remarks>
public sealed class SyntheticCatalog
{
    public const int DefaultLatestYear = 2025;

    private const byte NoGenre = byte.MaxValue;
    private const double SecondGenreShare = 0.35;

    /// <summary>Names drawn for an original title before a repeat is accepted.</summary>
    private const int NameAttempts = 4;

    private static readonly int[] GenreWeights = [.. SeedGenres.All.Select(genre => genre.Weight)];

    private readonly TitlePlan[] _plans;
    private readonly int[][] _titlesByGenre;
    private readonly int[][][] _titlesByMotif;

    public SyntheticCatalog(int seed, int count, int latestYear = DefaultLatestYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(latestYear, SeedGenres.All.Max(genre => genre.FirstYear));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(latestYear, Entity.MaxYear);
        Seed = seed;
        Count = count;
        LatestYear = latestYear;
        _plans = Plan(seed, count, latestYear);
        ChooseDistinctNames(seed, _plans);
        _titlesByGenre = IndexByGenre(_plans);
        _titlesByMotif = IndexByMotif(_plans);
    }

    public int Seed { get; }

    public int Count { get; }

    public int LatestYear { get; }

    /// <summary>The genre names titles carry, most popular first.</summary>
    public static IReadOnlyList<string> Genres => SeedGenres.Names;

    /// <summary>The motifs titles of primary genre <paramref name="genre"/> may have: its places.</summary>
    public static IReadOnlyList<string> MotifsOf(string genre)
    {
        var index = SeedGenres.IndexOf(genre);
        return index >= 0 ? SeedGenres.All[index].Places : throw new ArgumentException($"Unknown genre '{genre}'.", nameof(genre));
    }

    /// <summary>The motif of the title at <paramref name="index"/> within its primary genre, without building its text.</summary>
    public string MotifOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return SeedGenres.All[_plans[index].Primary].Places[_plans[index].Motif];
    }

    /// <summary>The title at <paramref name="index"/> (0 to <see cref="Count"/> - 1), built afresh on each call.</summary>
    public SeedTitle Title(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var plan = _plans[index];
        var primary = SeedGenres.All[plan.Primary];
        var motif = TitleMotif.Of(primary, plan.Motif);
        var secondary = plan.Secondary == NoGenre ? null : SeedGenres.All[plan.Secondary];
        var random = SeedRandom.For(Seed, SeedRandom.TitleTextStream, index);
        string name;
        var prefix = "";
        if (plan.Derivation == Derivation.None)
        {
            name = NameOf(random, plan);
        }
        else
        {
            var original = _plans[plan.Original];
            var originalName = NameOf(SeedRandom.For(Seed, SeedRandom.TitleTextStream, plan.Original), original);
            (name, prefix) = plan.Derivation switch
            {
                Derivation.Sequel => (originalName + TitleText.SequelSuffix(random, plan.Number), $"The sequel to {originalName}. "),
                Derivation.Remake => (originalName,
                    $"A remake of the {original.Year} {(original.Kind == EntityKind.Series ? "series" : "film")} {originalName}. "),
                Derivation.Season => ($"{originalName}: Season {plan.Number}", $"Season {plan.Number} of {originalName}. "),
                _ => ($"{originalName}: {TitleText.EpisodeName(random, primary, motif)}", $"An episode of {originalName}, season {plan.Number}. "),
            };
        }

        var series = plan.Kind is EntityKind.Series or EntityKind.Season;
        var description = prefix + TitleText.Description(random, primary, motif, secondary, series);
        string[] genres = secondary is null ? [primary.Name] : [primary.Name, secondary.Name];
        return new SeedTitle(IdOf(index), plan.Kind, name, plan.Year, genres, description, motif.Place);
    }

    /// <summary>Every title in catalog order, built one at a time as the caller reads (take batches with <c>Chunk</c>).</summary>
    public IEnumerable<SeedTitle> Titles()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Title(i);
        }
    }

    /// <summary>The whole catalog in memory, for small catalogs and tests.</summary>
    public IReadOnlyList<SeedTitle> ToList() => [.. Titles()];

    /// <summary>The id of the title at <paramref name="index"/>, without building its text.</summary>
    public Guid IdOf(int index) => SeedRandom.Id(Seed, "title", index);

    /// <summary>Indexes of the titles with genre <paramref name="genre"/> (primary or second), most popular first.</summary>
    internal IReadOnlyList<int> TitlesOf(int genre) => _titlesByGenre[genre];

    /// <summary>Indexes of the titles of primary genre <paramref name="genre"/> and motif <paramref name="motif"/>, most popular first.</summary>
    internal IReadOnlyList<int> TitlesOf(int genre, int motif) => _titlesByMotif[genre][motif];

    private static TitlePlan[] Plan(int seed, int count, int latestYear)
    {
        var random = new Random(seed);
        var plans = new TitlePlan[count];
        var movies = new List<int>();
        var series = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var draw = random.NextDouble();
            TitlePlan? derived = draw switch
            {
                < 0.03 when series.Count > 0 => SeasonOf(random, plans, random.Pick(series), latestYear, EntityKind.Season),
                < 0.06 when series.Count > 0 => SeasonOf(random, plans, random.Pick(series), latestYear, EntityKind.Episode),
                < 0.09 when movies.Count > 0 => SequelOf(random, plans, random.Pick(movies), latestYear),
                < 0.12 when movies.Count > 0 => RemakeOf(random, plans, random.Next(10) < 7 || series.Count == 0
                    ? random.Pick(movies) : random.Pick(series), latestYear),
                _ => null,
            };
            plans[i] = derived ?? Original(random, latestYear);
            if (derived is null)
            {
                // Derived titles keep their original's motif (the with-copies above); an original draws its own from a
                // stream apart, so the draws above, and with them every title's kind, genres and year, stay as they were.
                var places = SeedGenres.All[plans[i].Primary].Places.Count;
                plans[i] = plans[i] with { Motif = (byte)SeedRandom.For(seed, SeedRandom.MotifStream, i).Next(places) };
                (plans[i].Kind == EntityKind.Series ? series : movies).Add(i);
            }
        }

        return plans;
    }

    /// <summary>An original title's name: the last of the names drawn while planning (<see cref="ChooseDistinctNames"/>).</summary>
    private static string NameOf(Random random, TitlePlan plan)
    {
        var genre = SeedGenres.All[plan.Primary];
        var name = TitleText.Name(random, genre, TitleMotif.Of(genre, plan.Motif));
        for (var attempt = 0; attempt < plan.NameAttempt; attempt++)
        {
            name = TitleText.Name(random, genre, TitleMotif.Of(genre, plan.Motif));
        }

        return name;
    }

    /// <summary>
    /// Draws each original title's name once now and, when an earlier original already has it, draws again (up to
    /// <see cref="NameAttempts"/> times), keeping only the number of draws: remakes and sequels repeat names on
    /// purpose, chance should rarely do so. Holds one 64-bit hash per name while it runs.
    /// </summary>
    private static void ChooseDistinctNames(int seed, TitlePlan[] plans)
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < plans.Length; i++)
        {
            if (plans[i].Derivation != Derivation.None)
            {
                continue;
            }

            var random = SeedRandom.For(seed, SeedRandom.TitleTextStream, i);
            var genre = SeedGenres.All[plans[i].Primary];
            var motif = TitleMotif.Of(genre, plans[i].Motif);
            var attempt = 0;
            while (!seen.Add(Fnv1a(TitleText.Name(random, genre, motif))) && attempt < NameAttempts - 1)
            {
                attempt++;
            }

            plans[i] = plans[i] with { NameAttempt = (byte)attempt };
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    private static TitlePlan Original(Random random, int latestYear)
    {
        var primary = random.PickWeighted(GenreWeights);
        var genre = SeedGenres.All[primary];
        var secondary = random.Chance(SecondGenreShare) ? (byte)SeedGenres.IndexOf(random.Pick(genre.Companions)) : NoGenre;
        var kind = random.Chance(genre.SeriesShare) ? EntityKind.Series : EntityKind.Movie;
        // Recent years are denser, as in real catalogs: u² leans towards 0, the latest year.
        var u = random.NextDouble();
        var year = latestYear - (int)((latestYear - genre.FirstYear + 1) * u * u);
        return new TitlePlan(kind, (byte)primary, secondary, (short)year, Derivation.None, -1, 0, 0, 0);
    }

    private static TitlePlan SeasonOf(Random random, TitlePlan[] plans, int original, int latestYear, EntityKind kind)
    {
        var u = random.NextDouble();
        var number = 1 + (int)(6 * u * u);
        var plan = plans[original];
        var year = Math.Min(latestYear, plan.Year + number - 1);
        return plan with
        {
            Kind = kind,
            Year = (short)year,
            Derivation = kind == EntityKind.Season ? Derivation.Season : Derivation.Episode,
            Original = original,
            Number = (byte)number,
        };
    }

    private static TitlePlan SequelOf(Random random, TitlePlan[] plans, int original, int latestYear)
    {
        var number = 2 + (random.Chance(0.3) ? 1 : 0) + (random.Chance(0.1) ? 1 : 0);
        var plan = plans[original];
        var year = Math.Min(latestYear, plan.Year + (number - 1) * (1 + random.Next(4)));
        return plan with { Year = (short)year, Derivation = Derivation.Sequel, Original = original, Number = (byte)number };
    }

    private static TitlePlan? RemakeOf(Random random, TitlePlan[] plans, int original, int latestYear)
    {
        var plan = plans[original];
        var year = plan.Year + 8 + random.Next(33);
        return year > latestYear ? null : plan with { Year = (short)year, Derivation = Derivation.Remake, Original = original };
    }

    private static int[][] IndexByGenre(TitlePlan[] plans)
    {
        var lists = SeedGenres.All.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < plans.Length; i++)
        {
            lists[plans[i].Primary].Add(i);
            if (plans[i].Secondary != NoGenre)
            {
                lists[plans[i].Secondary].Add(i);
            }
        }

        return [.. lists.Select(list => list.ToArray())];
    }

    private static int[][][] IndexByMotif(TitlePlan[] plans)
    {
        var lists = SeedGenres.All.Select(genre => genre.Places.Select(_ => new List<int>()).ToArray()).ToArray();
        for (var i = 0; i < plans.Length; i++)
        {
            lists[plans[i].Primary][plans[i].Motif].Add(i);
        }

        return [.. lists.Select(genre => genre.Select(list => list.ToArray()).ToArray())];
    }

    private enum Derivation : byte
    {
        None,
        Sequel,
        Remake,
        Season,
        Episode,
    }

    /// <summary>What the constructor keeps per title. Derived titles copy their original's genres and motif (an index into the primary genre's places).</summary>
    private readonly record struct TitlePlan(
        EntityKind Kind, byte Primary, byte Secondary, short Year, Derivation Derivation, int Original, byte Number, byte NameAttempt, byte Motif);
}
