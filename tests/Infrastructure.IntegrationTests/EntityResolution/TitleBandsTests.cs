using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.TestSupport;
using Npgsql;
using Xunit;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>The MinHash bands candidate search finds near titles by (ADR 11).</summary>
public sealed class TitleBandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trigrams_AreTheOnesPgTrgmCompares()
    {
        // Bands stand for pg_trgm's similarity only if they are built from the same trigram set.
        string[] titles = ["shawshank redemption", "love actually", "it 2", "x", "amelie 3 cafe cafe", "night of living dead", "leon"];
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var title in titles)
        {
            await using var command = new NpgsqlCommand("SELECT cardinality(show_trgm($1))", connection) { Parameters = { new() { Value = title } } };
            Assert.True((int)(await command.ExecuteScalarAsync(Ct))! == TitleBands.Trigrams(title).Count, title);
        }
    }

    [Fact]
    public async Task TitlesStoredWithoutBands_GetThemFromTheJob_AndAreFoundAsNearTitlesAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var service = await EntityHarness.CreateAsync(database, RedisTestPrefix.New());
        var stored = await service.ResolveAsync("t", EntityHarness.Movie("Harry Potter and the Philosopher's Stone", 2001, EntityHarness.Imdb("tt0241527")), Ct);
        // As a title stored before the column existed.
        await using (var clear = service.Database.CreateCommand("UPDATE entities SET title_bands = NULL"))
        {
            await clear.ExecuteNonQueryAsync(Ct);
        }

        // "Philosopher Stone" has other words, so only a shared band finds the stored title.
        var before = await service.Store.FindCandidatesAsync("t", [new MatchQuery(0, EntityKind.Movie, "harry potter and the philosopher stone", 2001, null)], 5, 0.85, Ct);
        var written = await service.TitleBands.RunOnceAsync(Ct);
        var after = await service.Store.FindCandidatesAsync("t", [new MatchQuery(0, EntityKind.Movie, "harry potter and the philosopher stone", 2001, null)], 5, 0.85, Ct);

        Assert.Empty(before);
        Assert.Equal(1, written);
        Assert.Equal(stored.EntityId, Assert.Single(after).EntityId);
        Assert.Equal(0, await service.TitleBands.RunOnceAsync(Ct));
    }

    [Fact]
    public void SameWords_InAnyOrderOrRepeated_HaveTheSameBands()
    {
        var bands = TitleBands.Of("t", EntityKind.Movie, "night of living dead");

        Assert.Equal(TitleBands.Count, bands.Length);
        Assert.Equal(bands, TitleBands.Of("t", EntityKind.Movie, "dead night of living living"));
    }

    [Fact]
    public void TenantAndKind_AreInEveryBand()
    {
        var movie = TitleBands.Of("t", EntityKind.Movie, "heat");

        Assert.Empty(movie.Intersect(TitleBands.Of("u", EntityKind.Movie, "heat")));
        Assert.Empty(movie.Intersect(TitleBands.Of("t", EntityKind.Series, "heat")));
    }

    [Fact]
    public void NearTitles_ShareABand_UnrelatedTitlesOnesSharingAWordRarely()
    {
        // Pairs near the match threshold (pg_trgm similarity 0.78 to 0.92) and pairs sharing a common word (0.25 to 0.4).
        (string, string)[] near =
        [
            ("the lord of the rings the fellowship of the ring", "lord of the rings the fellowship of the ring"),
            ("harry potter and the philosophers stone", "harry potter and the philosopher s stone"),
            ("star wars episode iv a new hope", "star wars episode 4 a new hope"),
            ("schindlers list", "schindler s list"),
            ("the good the bad and the ugly", "good the bad and the ugly"),
        ];
        (string, string)[] unrelated =
        [
            ("love actually", "love story"), ("night of the living dead", "dawn of the dead"), ("the last samurai", "the last emperor"),
            ("house of games", "house of wax"), ("dead man walking", "dead poets society"), ("the dark knight", "dark city"),
        ];

        Assert.All(near, pair => Assert.NotEmpty(Bands(pair.Item1).Intersect(Bands(pair.Item2))));
        Assert.All(unrelated, pair => Assert.Empty(Bands(pair.Item1).Intersect(Bands(pair.Item2))));
    }

    [Fact]
    public void TitleWithoutLettersOrDigits_HasNoBands()
    {
        Assert.Empty(TitleBands.Of("t", EntityKind.Movie, ""));
        Assert.Equal("{}", TitleBands.Literal("t", EntityKind.Movie, ""));
        Assert.Null(TitleBands.Literal("t", EntityKind.Movie, null));
    }

    private static int[] Bands(string title) => TitleBands.Of("t", EntityKind.Movie, TitleNormalizer.Normalize(title));
}
