using System.Globalization;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>How fine the tastes planted in <see cref="SyntheticUsers"/> are.</summary>
public enum TasteDepth
{
    /// <summary>Favourite genres only: within a genre every user picks by the one popularity order, which title text does not carry.</summary>
    Genre,

    /// <summary>Favourite genres and, within them, favourite motifs (<see cref="SeedTitle.Motif"/>) that most favourite-genre picks come from.</summary>
    Motif,
}

/// <summary>A motif of a genre: <see cref="Name"/> is one of <see cref="SyntheticCatalog.MotifsOf"/>(<see cref="Genre"/>).</summary>
public sealed record SeedMotif(string Genre, string Name);

/// <summary>
/// A generated user and the genres planted as their taste, the first one stronger, with their favourite motifs
/// within those genres (none at <see cref="TasteDepth.Genre"/>).
/// </summary>
public sealed record SeedUser(string UserId, IReadOnlyList<string> FavouriteGenres, IReadOnlyList<SeedMotif> FavouriteMotifs);

/// <summary><see cref="Rating"/> is 1 to 5 for <see cref="InteractionType.Rating"/> and null for every other type.</summary>
public sealed record SeedInteraction(string UserId, Guid EntityId, InteractionType Type, int? Rating, DateTimeOffset OccurredAt);

/// <summary>One user with all their interactions, oldest first.</summary>
public sealed record SeedUserActivity(SeedUser User, IReadOnlyList<SeedInteraction> Interactions);

/// <summary>
/// Deterministic users with planted tastes over a <see cref="SyntheticCatalog"/>. Each user has one or two
/// favourite genres (popular genres more often) and <see cref="MinInteractions"/> to <see cref="MaxInteractions"/>
/// interactions, skewed low so about a fifth are cold-start users with fewer than five. About 72% of the titles a
/// user engages with come from their favourite genres and the rest are exploration; within a genre, popular
/// titles are picked far more often (<see cref="SeedRandom.ZipfRank"/>). An engagement is a realistic chain:
/// a view, often a play, a complete some minutes later, sometimes a like, a rating or a watchlist entry; dislikes
/// and low ratings land mostly on exploration titles. Timestamps fall in the <see cref="History"/> before
/// <see cref="Now"/>, in whole seconds.
/// <para>
/// At <see cref="TasteDepth.Motif"/> (the default) each user also has one favourite motif in each favourite genre
/// (a one-genre user sometimes two), and <see cref="FavouriteMotifShare"/> of their favourite-genre picks come
/// from those motifs' titles, by a flatter popularity curve (<see cref="SeedRandom.FlatterRank"/>): what they like
/// within a genre then shows in the titles' text. <see cref="TasteDepth.Genre"/> gives exactly the users of the
/// generator before motifs, for comparison.
/// </para>
/// </summary>
/// <remarks>
/// Users are independent: <see cref="Activity(int)"/> rebuilds any one of them, and <see cref="Activities"/> streams
/// them one at a time, so 10,000 users over 100,000 titles never hold more than one user's interactions. Safe to
/// use from several threads.
/// </remarks>
public sealed class SyntheticUsers
{
    public const int MinInteractions = 3;
    public const int MaxInteractions = 60;

    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>Share of engagements with a favourite-genre title; the rest explore other genres by their weights.</summary>
    public const double FavouriteEngagementShare = 0.72;

    /// <summary>With two favourite genres, the first one's share of favourite-genre engagements.</summary>
    public const double FirstFavouriteShare = 0.6;

    /// <summary>At <see cref="TasteDepth.Motif"/>, the share of favourite-genre picks made among the user's motifs of that genre.</summary>
    public const double FavouriteMotifShare = 0.75;

    private const double SecondFavouriteShare = 0.55;

    /// <summary>Chance that a user with one favourite genre has two favourite motifs in it.</summary>
    private const double SecondMotifShare = 0.45;

    private const int UnseenTitleAttempts = 8;

    /// <summary>An engagement lasts at most about 2¾ hours (view, play, complete, react); start times keep this clear of now.</summary>
    private const long LongestEngagementSeconds = 4 * 60 * 60;

    private static readonly int[] GenreWeights = [.. SeedGenres.All.Select(genre => genre.Weight)];

    private readonly SyntheticCatalog _catalog;
    private readonly DateTimeOffset _end;

    public SyntheticUsers(SyntheticCatalog catalog, int count, DateTimeOffset now, TasteDepth tasteDepth = TasteDepth.Motif)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0 && catalog.Count == 0)
        {
            throw new ArgumentException("Users need at least one title to interact with.", nameof(catalog));
        }

        if (!Enum.IsDefined(tasteDepth))
        {
            throw new ArgumentOutOfRangeException(nameof(tasteDepth), tasteDepth, "Unknown taste depth.");
        }

        _catalog = catalog;
        TasteDepth = tasteDepth;
        Count = count;
        Now = now;
        _end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public int Count { get; }

    public DateTimeOffset Now { get; }

    public TasteDepth TasteDepth { get; }

    public static string UserIdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"user-{index:D6}");

    public SeedUser User(int index) => Profile(index).User;

    public IEnumerable<SeedUser> Users()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return User(i);
        }
    }

    /// <summary>How many interactions user <paramref name="index"/> has, without generating them.</summary>
    public int InteractionCountOf(int index) => Profile(index).InteractionCount;

    /// <summary>The total over all users (a progress total), without generating the interactions.</summary>
    public long InteractionCount()
    {
        var total = 0L;
        for (var i = 0; i < Count; i++)
        {
            total += InteractionCountOf(i);
        }

        return total;
    }

    /// <summary>User <paramref name="index"/> and their interactions, oldest first.</summary>
    public SeedUserActivity Activity(int index)
    {
        var profile = Profile(index);
        var random = profile.Random;
        var events = new List<Event>(profile.InteractionCount + 4);
        var seen = new HashSet<int>();
        while (events.Count < profile.InteractionCount)
        {
            var favourite = random.Chance(FavouriteEngagementShare);
            int title;
            if (favourite)
            {
                var slot = FavouriteSlot(random, profile.Favourites);
                var motifs = profile.Motifs[slot];
                // At Genre depth there are no motifs and no extra draw: the same sequence as before motifs.
                title = motifs.Length > 0 && random.Chance(FavouriteMotifShare)
                    ? PickMotifTitle(random, profile.Favourites[slot], random.Pick(motifs), seen)
                    : PickTitle(random, profile.Favourites[slot], seen);
            }
            else
            {
                title = PickTitle(random, ExplorationGenre(random, profile.Favourites), seen);
            }

            var start = LongestEngagementSeconds + 1 + random.NextInt64(profile.ActiveSeconds - LongestEngagementSeconds);
            if (favourite)
            {
                EngageFavourite(random, events, title, start);
            }
            else
            {
                Explore(random, events, title, start);
            }
        }

        // The last engagement may end early; what remains of it is still in order (a view without its complete).
        events.RemoveRange(profile.InteractionCount, events.Count - profile.InteractionCount);
        events.Sort(static (a, b) => a.SecondsBeforeNow != b.SecondsBeforeNow
            ? b.SecondsBeforeNow.CompareTo(a.SecondsBeforeNow)
            : a.Order.CompareTo(b.Order));
        var userId = profile.User.UserId;
        var interactions = events.ConvertAll(e => new SeedInteraction(
            userId, _catalog.IdOf(e.Title), e.Type, e.Rating, _end.AddSeconds(-e.SecondsBeforeNow)));
        return new SeedUserActivity(profile.User, interactions);
    }

    /// <summary>Every user with their interactions, one user at a time.</summary>
    public IEnumerable<SeedUserActivity> Activities()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Activity(i);
        }
    }

    /// <summary>Every interaction, user by user, each user's oldest first.</summary>
    public IEnumerable<SeedInteraction> Interactions() => Activities().SelectMany(activity => activity.Interactions);

    private UserProfile Profile(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var random = SeedRandom.For(_catalog.Seed, SeedRandom.UserStream, index);
        var first = random.PickWeighted(GenreWeights);
        int[] favourites = random.Chance(SecondFavouriteShare) ? [first, OtherGenre(random, [first])] : [first];
        // u² leans low: counts 3..60 with a median near 17 and about a fifth under 5.
        var u = random.NextDouble();
        var count = MinInteractions + (int)((MaxInteractions - MinInteractions + 1) * u * u);
        // Some users joined recently: their history covers the last 15% to 100% of the window.
        var activeSeconds = (long)(History.TotalSeconds * (0.15 + 0.85 * random.NextDouble()));
        var motifs = TasteDepth == TasteDepth.Motif ? FavouriteMotifs(index, favourites) : [.. favourites.Select(_ => Array.Empty<int>())];
        var user = new SeedUser(
            UserIdOf(index),
            [.. favourites.Select(genre => SeedGenres.Names[genre])],
            [.. favourites.SelectMany((genre, slot) => motifs[slot].Select(motif => new SeedMotif(SeedGenres.Names[genre], SeedGenres.All[genre].Places[motif])))]);
        return new UserProfile(user, favourites, motifs, count, activeSeconds, random);
    }

    /// <summary>
    /// Per favourite genre, the user's motifs in it: one each, and a second for a one-genre user now and then. Only
    /// motifs with titles count (a small catalog may lack some). Drawn from a stream of their own, so the rest of
    /// the profile is the same at both depths.
    /// </summary>
    private int[][] FavouriteMotifs(int index, int[] favourites)
    {
        var random = SeedRandom.For(_catalog.Seed, SeedRandom.UserMotifStream, index);
        var motifs = new int[favourites.Length][];
        for (var slot = 0; slot < favourites.Length; slot++)
        {
            var genre = favourites[slot];
            var available = Enumerable.Range(0, SeedGenres.All[genre].Places.Count).Where(m => _catalog.TitlesOf(genre, m).Count > 0).ToList();
            if (available.Count == 0)
            {
                motifs[slot] = [];
                continue;
            }

            var first = random.Pick(available);
            available.Remove(first);
            motifs[slot] = favourites.Length == 1 && available.Count > 0 && random.Chance(SecondMotifShare) ? [first, random.Pick(available)] : [first];
        }

        return motifs;
    }

    private static int FavouriteSlot(Random random, int[] favourites) =>
        favourites.Length == 1 || random.Chance(FirstFavouriteShare) ? 0 : 1;

    private static int ExplorationGenre(Random random, int[] favourites) => OtherGenre(random, favourites);

    private static int OtherGenre(Random random, int[] excluded)
    {
        while (true)
        {
            var genre = random.PickWeighted(GenreWeights);
            if (!excluded.Contains(genre))
            {
                return genre;
            }
        }
    }

    /// <summary>A popular title of the genre, preferring one the user has not engaged with yet (a rewatch if none).</summary>
    private int PickTitle(Random random, int genre, HashSet<int> seen)
    {
        var titles = _catalog.TitlesOf(genre);
        var title = 0;
        for (var attempt = 0; attempt < UnseenTitleAttempts; attempt++)
        {
            // A small catalog may have no title of this genre: then any title, by the same popularity curve.
            title = titles.Count > 0 ? titles[random.ZipfRank(titles.Count)] : random.ZipfRank(_catalog.Count);
            if (seen.Add(title))
            {
                break;
            }
        }

        return title;
    }

    /// <summary>
    /// A title of the motif by the flatter curve, unseen if possible; when the motif seems used up, a title of the
    /// genre at large (<see cref="PickTitle"/>).
    /// </summary>
    private int PickMotifTitle(Random random, int genre, int motif, HashSet<int> seen)
    {
        var titles = _catalog.TitlesOf(genre, motif);
        for (var attempt = 0; attempt < UnseenTitleAttempts; attempt++)
        {
            var title = titles[random.FlatterRank(titles.Count)];
            if (seen.Add(title))
            {
                return title;
            }
        }

        return PickTitle(random, genre, seen);
    }

    private static void EngageFavourite(Random random, List<Event> events, int title, long view)
    {
        events.Add(new(view, events.Count, InteractionType.View, null, title));
        if (random.Chance(0.12))
        {
            events.Add(new(view - (10 + random.Next(170)), events.Count, InteractionType.Watchlist, null, title));
            return;
        }

        if (!random.Chance(0.8))
        {
            return;
        }

        var play = view - (30 + random.Next(570));
        events.Add(new(play, events.Count, InteractionType.Play, null, title));
        if (!random.Chance(0.65))
        {
            if (random.Chance(0.05))
            {
                events.Add(new(play - (300 + random.Next(1800)), events.Count, InteractionType.Dislike, null, title));
            }

            return;
        }

        var complete = play - (1500 + random.Next(7500));
        events.Add(new(complete, events.Count, InteractionType.Complete, null, title));
        var reaction = random.NextDouble();
        if (reaction < 0.04)
        {
            events.Add(new(complete - (5 + random.Next(300)), events.Count, InteractionType.Dislike, null, title));
        }
        else if (reaction < 0.34)
        {
            events.Add(new(complete - (5 + random.Next(300)), events.Count, InteractionType.Like, null, title));
        }

        if (random.Chance(0.3))
        {
            var stars = random.NextDouble() switch { < 0.45 => 5, < 0.85 => 4, _ => 3 };
            events.Add(new(complete - (5 + random.Next(300)), events.Count, InteractionType.Rating, stars, title));
        }
    }

    private static void Explore(Random random, List<Event> events, int title, long view)
    {
        events.Add(new(view, events.Count, InteractionType.View, null, title));
        var last = view;
        var completed = false;
        if (random.Chance(0.35))
        {
            last = view - (30 + random.Next(570));
            events.Add(new(last, events.Count, InteractionType.Play, null, title));
            if (random.Chance(0.4))
            {
                last -= 1500 + random.Next(7500);
                events.Add(new(last, events.Count, InteractionType.Complete, null, title));
                completed = true;
            }
        }

        if (random.Chance(0.3))
        {
            events.Add(new(last - (5 + random.Next(120)), events.Count, InteractionType.Dislike, null, title));
        }
        else if (completed && random.Chance(0.15))
        {
            events.Add(new(last - (5 + random.Next(300)), events.Count, InteractionType.Like, null, title));
        }

        if (random.Chance(0.12))
        {
            var stars = random.NextDouble() switch { < 0.35 => 1, < 0.75 => 2, _ => 3 };
            events.Add(new(last - (5 + random.Next(300)), events.Count, InteractionType.Rating, stars, title));
        }
    }

    /// <param name="Motifs">Per favourite genre (same order as <paramref name="Favourites"/>), the user's motif indexes in it.</param>
    private sealed record UserProfile(SeedUser User, int[] Favourites, int[][] Motifs, int InteractionCount, long ActiveSeconds, Random Random);

    /// <summary><see cref="Order"/> keeps an engagement's steps in order when two share a second.</summary>
    private readonly record struct Event(long SecondsBeforeNow, int Order, InteractionType Type, int? Rating, int Title);
}
