using MediaGateway.Api.Cli.Seed;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Api.IntegrationTests.Seed;

public sealed class SyntheticUsersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 15, 250, TimeSpan.FromHours(2));

    [Fact]
    public void Activities_SameSeed_AreIdentical_DifferentSeed_Differ()
    {
        Assert.Equal(Fingerprint(Users(seed: 4)), Fingerprint(Users(seed: 4)));
        Assert.NotEqual(Fingerprint(Users(seed: 4)), Fingerprint(Users(seed: 5)));
    }

    [Fact]
    public void Activity_ByIndex_EqualsTheStreamedActivity()
    {
        var users = Users(seed: 4);

        var streamed = users.Activities().ElementAt(17);

        Assert.Equal(Fingerprint([streamed]), Fingerprint([users.Activity(17)]));
        Assert.Equal(streamed.User.UserId, users.User(17).UserId);
    }

    [Fact]
    public void Users_HaveOneOrTwoKnownFavourites_AndCountsWithinBounds()
    {
        var users = Users(seed: 6, userCount: 600);

        var activities = users.Activities().ToList();

        Assert.Equal(600, activities.Count);
        Assert.Equal(600, activities.Select(a => a.User.UserId).Distinct().Count());
        Assert.All(activities, a =>
        {
            Assert.InRange(a.User.FavouriteGenres.Count, 1, 2);
            Assert.All(a.User.FavouriteGenres, genre => Assert.Contains(genre, SyntheticCatalog.Genres));
            Assert.Equal(a.User.FavouriteGenres.Count, a.User.FavouriteGenres.Distinct().Count());
            Assert.InRange(a.Interactions.Count, SyntheticUsers.MinInteractions, SyntheticUsers.MaxInteractions);
            Assert.All(a.Interactions, i => Assert.Equal(a.User.UserId, i.UserId));
        });
        Assert.Equal(activities.Sum(a => (long)a.Interactions.Count), users.InteractionCount());
        Assert.Equal(activities.Sum(a => (long)a.Interactions.Count), users.Interactions().LongCount());
        Assert.InRange(activities.Count(a => a.Interactions.Count < 5), 0.05 * 600, 0.4 * 600);
        Assert.Contains(activities, a => a.Interactions.Count > 40);
    }

    [Fact]
    public void Favourites_LeanTowardsPopularGenres()
    {
        var favourites = Users(seed: 6, userCount: 2000).Users().Select(u => u.FavouriteGenres[0]).ToList();

        // Genres are listed most popular first: crime and comedy weigh 13, western and cooking 4.
        Assert.True(favourites.Count(g => g == "crime") > 2 * favourites.Count(g => g == "western"));
    }

    [Fact]
    public void Interactions_ReferenceOnlyGeneratedTitles_InTimeOrder_WithinTheLast90Days()
    {
        var catalog = new SyntheticCatalog(seed: 2, count: 1500);
        var users = new SyntheticUsers(catalog, count: 300, now: Now);
        var ids = catalog.Titles().Select(t => t.Id).ToHashSet();

        foreach (var activity in users.Activities())
        {
            var times = activity.Interactions.Select(i => i.OccurredAt).ToList();
            Assert.All(activity.Interactions, i => Assert.Contains(i.EntityId, ids));
            Assert.Equal(times.Order(), times);
            Assert.All(times, time => Assert.InRange(time, Now - SyntheticUsers.History, Now.AddSeconds(-1)));
            Assert.All(times, time => Assert.Equal(0, time.Ticks % TimeSpan.TicksPerSecond));
        }
    }

    [Fact]
    public void Interactions_HaveARealisticTypeMix()
    {
        var interactions = Users(seed: 8, userCount: 500).Activities().SelectMany(a => a.Interactions).ToList();

        var counts = interactions.CountBy(i => i.Type).ToDictionary();

        Assert.Equal(Enum.GetValues<InteractionType>().Length, counts.Count);
        Assert.True(counts[InteractionType.View] > counts[InteractionType.Play]);
        Assert.True(counts[InteractionType.Play] > counts[InteractionType.Complete]);
        Assert.True(counts[InteractionType.View] + counts[InteractionType.Play] > 0.5 * interactions.Count);
        Assert.All(interactions, i =>
        {
            if (i.Type == InteractionType.Rating)
            {
                Assert.InRange(i.Rating!.Value, InteractionTypes.MinRating, InteractionTypes.MaxRating);
            }
            else
            {
                Assert.Null(i.Rating);
            }
        });
    }

    [Fact]
    public void Completes_FollowAPlayOfTheSameTitle()
    {
        foreach (var activity in Users(seed: 8, userCount: 300).Activities())
        {
            var played = new HashSet<Guid>();
            foreach (var interaction in activity.Interactions)
            {
                if (interaction.Type == InteractionType.Play)
                {
                    played.Add(interaction.EntityId);
                }
                else if (interaction.Type == InteractionType.Complete)
                {
                    Assert.Contains(interaction.EntityId, played);
                }
            }
        }
    }

    [Fact]
    public void Interactions_OfUsersWithHistory_FallMostlyInTheirFavouriteGenres()
    {
        var catalog = new SyntheticCatalog(seed: 12, count: 3000);
        var users = new SyntheticUsers(catalog, count: 500, now: Now);
        var genresById = catalog.Titles().ToDictionary(t => t.Id, t => t.Genres);

        var shares = new List<double>();
        var dislikes = 0;
        var favouriteDislikes = 0;
        foreach (var (user, interactions) in users.Activities().Where(a => a.Interactions.Count >= 5))
        {
            bool Favourite(SeedInteraction i) => genresById[i.EntityId].Any(user.FavouriteGenres.Contains);
            shares.Add((double)interactions.Count(Favourite) / interactions.Count);
            dislikes += interactions.Count(i => i.Type == InteractionType.Dislike);
            favouriteDislikes += interactions.Count(i => i.Type == InteractionType.Dislike && Favourite(i));
        }

        Assert.InRange(shares.Average(), 0.72, 0.95);
        Assert.True(shares.Count(share => share > 0.5) > 0.85 * shares.Count);
        Assert.True(favouriteDislikes < 0.4 * dislikes, $"{favouriteDislikes} of {dislikes} dislikes on favourite genres");
    }

    [Fact]
    public void Interactions_ConcentrateOnPopularTitles()
    {
        var interactions = Users(seed: 14, userCount: 1000).Interactions().ToList();

        var perTitle = interactions.CountBy(i => i.EntityId).Select(pair => pair.Value).OrderDescending().ToList();
        var top = perTitle.Take(30).Sum();

        // 30 titles are 1% of the catalog; a uniform pick would give them about 1% of the interactions.
        Assert.True(top > 0.1 * interactions.Count, $"top 30 titles have {top} of {interactions.Count}");
    }

    [Fact]
    public void FavouriteGenrePicks_ConcentrateOnFavouriteMotifs()
    {
        var catalog = new SyntheticCatalog(seed: 12, count: 3000);
        var users = new SyntheticUsers(catalog, count: 400, now: Now);
        var titles = catalog.Titles().ToDictionary(t => t.Id);
        int inMotif = 0, inGenre = 0;
        double expected = 0;

        foreach (var (user, interactions) in users.Activities())
        {
            Assert.InRange(user.FavouriteMotifs.Count, 1, 2);
            Assert.All(user.FavouriteMotifs, m => Assert.Contains(m.Genre, user.FavouriteGenres));
            foreach (var title in interactions.Select(i => titles[i.EntityId]).DistinctBy(t => t.Id).Where(t => user.FavouriteGenres.Contains(t.Genres[0])))
            {
                inGenre++;
                inMotif += user.FavouriteMotifs.Contains(new SeedMotif(title.Genres[0], title.Motif)) ? 1 : 0;
            }

            // By chance (genre-wide picks only), a user's motif would hold about 1/16 of their genre's titles each.
            expected += user.FavouriteMotifs.Count / 16.0 / user.FavouriteGenres.Count;
        }

        Assert.True(inMotif > 0.55 * inGenre, $"{inMotif} of {inGenre} favourite-genre titles in a favourite motif");
        Assert.True(inMotif > 4 * expected / users.Count * inGenre, $"{inMotif} of {inGenre}");
    }

    [Fact]
    public void GenreDepth_PlantsNoMotifs_AndKeepsEachUsersGenresAndCounts()
    {
        var catalog = new SyntheticCatalog(seed: 4, count: 3000);
        var byMotif = new SyntheticUsers(catalog, count: 200, now: Now);
        var byGenre = new SyntheticUsers(catalog, count: 200, now: Now, TasteDepth.Genre);

        Assert.All(byGenre.Users(), u => Assert.Empty(u.FavouriteMotifs));
        Assert.Equal(byMotif.Users().Select(u => string.Join(',', u.FavouriteGenres)), byGenre.Users().Select(u => string.Join(',', u.FavouriteGenres)));
        Assert.Equal(byMotif.InteractionCount(), byGenre.InteractionCount());
        Assert.Equal(Fingerprint(byGenre), Fingerprint(new SyntheticUsers(catalog, count: 200, now: Now, TasteDepth.Genre)));
        Assert.NotEqual(Fingerprint(byGenre), Fingerprint(byMotif));
    }

    [Fact]
    public void Users_OverATinyCatalog_StillReachTheirCounts()
    {
        var users = new SyntheticUsers(new SyntheticCatalog(seed: 1, count: 3), count: 20, now: Now);

        Assert.Equal(users.InteractionCount(), users.Interactions().LongCount());
        Assert.Throws<ArgumentException>(() => new SyntheticUsers(new SyntheticCatalog(seed: 1, count: 0), count: 1, now: Now));
    }

    private static SyntheticUsers Users(int seed, int userCount = 200) =>
        new(new SyntheticCatalog(seed, count: 3000), userCount, Now);

    private static string Fingerprint(SyntheticUsers users) => Fingerprint(users.Activities());

    private static string Fingerprint(IEnumerable<SeedUserActivity> activities) => string.Join('\n', activities.Select(a =>
        $"{a.User.UserId}:{string.Join(',', a.User.FavouriteGenres)}:{string.Join(',', a.User.FavouriteMotifs)}:" +
        string.Join(';', a.Interactions.Select(i => $"{i.EntityId}/{i.Type}/{i.Rating}/{i.OccurredAt:O}"))));
}
