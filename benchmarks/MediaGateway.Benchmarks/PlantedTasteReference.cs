using MediaGateway.Api.Cli.Seed;

namespace MediaGateway.Benchmarks;

/// <summary>
/// What the seeded data allows at best. <see cref="SyntheticUsers"/> plants one or two favourite genres per user
/// and, within a genre, picks titles by one popularity order shared by every user (catalog order, drawn with
/// <c>ZipfRank</c>); at <see cref="TasteDepth.Motif"/> most favourite-genre picks come from the user's favourite
/// motifs instead, by a flatter curve (<c>FlatterRank</c>). Knowing each user's planted genres and motifs, which no
/// method under test sees, these references rank titles by the generator's own odds, so they estimate the highest
/// hit rate any ranker can reach on this data.
/// </summary>
/// <remarks>
/// The shares are <see cref="SyntheticUsers"/>' public constants; the curves mirror its rank draws. Where a
/// user's next pick falls: <see cref="SyntheticUsers.FavouriteEngagementShare"/> in a favourite genre (the first
/// favourite <see cref="SyntheticUsers.FirstFavouriteShare"/> of those when there are two), else another genre in
/// proportion to its weight, estimated here by its share of the catalog's primary genres (titles draw their
/// primary genre by the same weights). In a favourite genre with k favourite motifs,
/// <see cref="SyntheticUsers.FavouriteMotifShare"/> of the picks go to one of them (1/k each) and the rest to the
/// genre at large. Among c titles (a genre's, or a motif's), rank r comes up with probability
/// ((r + 1) / c)^e − (r / c)^e, e = ¼ genre-wide and ½ in a motif, renormalised over the titles the user has not
/// met (the generator redraws met ones; that a used-up motif falls back to its genre is left out).
/// </remarks>
internal sealed class PlantedTasteReference
{
    private readonly EvaluationCatalog _catalog;
    private readonly IReadOnlyList<string> _genres = SyntheticCatalog.Genres;

    /// <summary>Per genre, its titles (primary or second genre) in catalog order: the generator's popularity order.</summary>
    private readonly int[][] _titlesByGenre;

    /// <summary>Per genre, its share of primary genres: the weight exploration picks it by.</summary>
    private readonly double[] _primaryShare;

    /// <summary>Per genre, the probability of each rank (<see cref="RankOdds"/>).</summary>
    private readonly double[][] _rankOdds;

    /// <summary>Per (primary genre, motif), its titles in catalog order and the probability of each rank.</summary>
    private readonly Dictionary<SeedMotif, (int[] Titles, double[] Odds)> _motifs;

    public PlantedTasteReference(EvaluationCatalog catalog)
    {
        _catalog = catalog;
        _titlesByGenre = [.. _genres.Select(genre => Enumerable.Range(0, catalog.Count).Where(i => catalog.Titles[i].Genres.Contains(genre)).ToArray())];
        _primaryShare = [.. _genres.Select(genre => (double)catalog.Titles.Count(t => t.Genres[0] == genre) / catalog.Count)];
        _rankOdds = [.. _titlesByGenre.Select(titles => RankOdds(titles.Length, 0.25))];
        _motifs = Enumerable.Range(0, catalog.Count)
            .GroupBy(i => new SeedMotif(catalog.Titles[i].Genres[0], catalog.Titles[i].Motif))
            .ToDictionary(group => group.Key, group => (group.ToArray(), RankOdds(group.Count(), 0.5)));
    }

    public bool InGenres(int title, IReadOnlyList<string> genres) => _catalog.Titles[title].Genres.Any(genres.Contains);

    /// <summary>Each title's chance of being the user's next new title, as the generator draws it.</summary>
    public double[] GeneratorOdds(SeedUser user, IReadOnlySet<int> seen)
    {
        var favourites = user.FavouriteGenres;
        var planted = favourites.Select(f => IndexOf(f)).ToArray();
        var others = Enumerable.Range(0, _genres.Count).Where(g => !planted.Contains(g)).Sum(g => _primaryShare[g]);
        var odds = new double[_catalog.Count];
        for (var g = 0; g < _genres.Count; g++)
        {
            var genreOdds = Array.IndexOf(planted, g) switch
            {
                0 => SyntheticUsers.FavouriteEngagementShare * (planted.Length == 1 ? 1 : SyntheticUsers.FirstFavouriteShare),
                1 => SyntheticUsers.FavouriteEngagementShare * (1 - SyntheticUsers.FirstFavouriteShare),
                _ => (1 - SyntheticUsers.FavouriteEngagementShare) * _primaryShare[g] / others,
            };
            var motifs = user.FavouriteMotifs.Where(m => m.Genre == _genres[g] && _motifs.ContainsKey(m)).ToList();
            var motifShare = motifs.Count > 0 ? SyntheticUsers.FavouriteMotifShare : 0;
            Add(odds, _titlesByGenre[g], _rankOdds[g], genreOdds * (1 - motifShare), seen);
            foreach (var motif in motifs)
            {
                Add(odds, _motifs[motif].Titles, _motifs[motif].Odds, genreOdds * motifShare / motifs.Count, seen);
            }
        }

        return odds;
    }

    /// <summary>Spreads <paramref name="share"/> over <paramref name="titles"/> by rank, renormalised over the unseen ones.</summary>
    private static void Add(double[] odds, int[] titles, double[] rankOdds, double share, IReadOnlySet<int> seen)
    {
        var unseen = 1.0;
        for (var r = 0; r < titles.Length; r++)
        {
            unseen -= seen.Contains(titles[r]) ? rankOdds[r] : 0;
        }

        for (var r = 0; r < titles.Length; r++)
        {
            odds[titles[r]] += share * rankOdds[r] / Math.Max(unseen, 1e-12);
        }
    }

    /// <summary>Each title's popularity score where it has a planted genre, 0 elsewhere.</summary>
    public double[] WithinGenres(double[] popularity, IReadOnlyList<string> favourites)
    {
        var scores = new double[popularity.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = InGenres(i, favourites) ? popularity[i] : 0;
        }

        return scores;
    }

    private int IndexOf(string genre)
    {
        for (var g = 0; g < _genres.Count; g++)
        {
            if (_genres[g] == genre)
            {
                return g;
            }
        }

        throw new ArgumentException($"Unknown genre '{genre}'.", nameof(genre));
    }

    /// <summary>P(rank = r) for rank = ⌊c·u^(1/e)⌋, u uniform: ((r + 1) / c)^e − (r / c)^e (e = ¼ for u⁴, ½ for u²).</summary>
    private static double[] RankOdds(int count, double exponent) =>
        [.. Enumerable.Range(0, count).Select(r => Math.Pow((r + 1.0) / count, exponent) - Math.Pow((double)r / count, exponent))];
}
