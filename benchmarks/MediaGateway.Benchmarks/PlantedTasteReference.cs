using MediaGateway.Api.Cli.Seed;

namespace MediaGateway.Benchmarks;

/// <summary>
/// What the seeded data allows at best. <see cref="SyntheticUsers"/> plants one or two favourite genres per user
/// and, within a genre, picks titles by one popularity order shared by every user (catalog order, drawn with
/// <c>ZipfRank</c>). Knowing each user's planted genres, which no method under test sees, these references rank
/// titles by the generator's own odds, so they estimate the highest hit rate any ranker can reach on this data.
/// </summary>
/// <remarks>
/// The odds mirror <see cref="SyntheticUsers"/>' private constants; change them together. Where a user's next pick
/// falls: 72 % in a favourite genre (the first favourite 60 % of those when there are two), else another genre in
/// proportion to its weight, estimated here by its share of the catalog's primary genres (titles draw their
/// primary genre by the same weights). Within genre g, rank r of its c titles comes up with probability
/// ((r + 1) / c)^¼ − (r / c)^¼, renormalised over the titles the user has not met (the generator redraws met ones).
/// </remarks>
internal sealed class PlantedTasteReference
{
    private const double FavouriteEngagementShare = 0.72;
    private const double FirstFavouriteShare = 0.6;

    private readonly EvaluationCatalog _catalog;
    private readonly IReadOnlyList<string> _genres = SyntheticCatalog.Genres;

    /// <summary>Per genre, its titles (primary or second genre) in catalog order: the generator's popularity order.</summary>
    private readonly int[][] _titlesByGenre;

    /// <summary>Per genre, its share of primary genres: the weight exploration picks it by.</summary>
    private readonly double[] _primaryShare;

    /// <summary>Per genre, the probability of each rank (<see cref="RankOdds"/>).</summary>
    private readonly double[][] _rankOdds;

    public PlantedTasteReference(EvaluationCatalog catalog)
    {
        _catalog = catalog;
        _titlesByGenre = [.. _genres.Select(genre => Enumerable.Range(0, catalog.Count).Where(i => catalog.Titles[i].Genres.Contains(genre)).ToArray())];
        _primaryShare = [.. _genres.Select(genre => (double)catalog.Titles.Count(t => t.Genres[0] == genre) / catalog.Count)];
        _rankOdds = [.. _titlesByGenre.Select(titles => RankOdds(titles.Length))];
    }

    public bool InGenres(int title, IReadOnlyList<string> genres) => _catalog.Titles[title].Genres.Any(genres.Contains);

    /// <summary>Each title's chance of being the user's next new title, as the generator draws it.</summary>
    public double[] GeneratorOdds(IReadOnlyList<string> favourites, IReadOnlySet<int> seen)
    {
        var planted = favourites.Select(f => IndexOf(f)).ToArray();
        var others = Enumerable.Range(0, _genres.Count).Where(g => !planted.Contains(g)).Sum(g => _primaryShare[g]);
        var odds = new double[_catalog.Count];
        for (var g = 0; g < _genres.Count; g++)
        {
            var genreOdds = Array.IndexOf(planted, g) switch
            {
                0 => FavouriteEngagementShare * (planted.Length == 1 ? 1 : FirstFavouriteShare),
                1 => FavouriteEngagementShare * (1 - FirstFavouriteShare),
                _ => (1 - FavouriteEngagementShare) * _primaryShare[g] / others,
            };
            var titles = _titlesByGenre[g];
            var unseen = 1.0;
            for (var r = 0; r < titles.Length; r++)
            {
                unseen -= seen.Contains(titles[r]) ? _rankOdds[g][r] : 0;
            }

            for (var r = 0; r < titles.Length; r++)
            {
                odds[titles[r]] += genreOdds * _rankOdds[g][r] / Math.Max(unseen, 1e-12);
            }
        }

        return odds;
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

    /// <summary>P(rank = r) for rank = ⌊c·u⁴⌋, u uniform: ((r + 1) / c)^¼ − (r / c)^¼.</summary>
    private static double[] RankOdds(int count) =>
        [.. Enumerable.Range(0, count).Select(r => Math.Pow((r + 1.0) / count, 0.25) - Math.Pow((double)r / count, 0.25))];
}
