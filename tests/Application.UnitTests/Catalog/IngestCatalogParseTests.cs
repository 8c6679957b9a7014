using System.Text.Json;
using FluentValidation;
using MediaGateway.Application.Catalog;
using MediaGateway.Domain.EntityResolution;
using Xunit;

namespace MediaGateway.Application.UnitTests.Catalog;

/// <summary>The ingest request's checks: each broken rule is named with its path and message; the limits themselves pass.</summary>
public sealed class IngestCatalogParseTests
{
    private static CatalogEntityDto Film(
        string? kind = "movie", string? title = "Heat", int? year = 1995, IReadOnlyList<string?>? genres = null, string? description = null,
        string? metadata = null, float[]? embedding = null, Guid? id = null) =>
        new(id, kind, title, year, genres, description, metadata is null ? null : JsonDocument.Parse(metadata).RootElement, embedding);

    private static float[] Vector(float value = 1) => Enumerable.Repeat(value, CatalogVectors.Dimensions).ToArray();

    private static List<(string, string)> Errors(params CatalogEntityDto?[] entities)
    {
        var error = Assert.Throws<ValidationException>(() => IngestCatalogCommand.Parse("tenant-a", new CatalogIngestRequest(entities)));
        return error.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
    }

    public static TheoryData<string, CatalogEntityDto, string, string> BrokenEntities() => new()
    {
        { "kind missing", Film(kind: null), "Entities[0].Kind", "'kind' must not be empty." },
        { "kind unknown", Film(kind: "film"), "Entities[0].Kind", "'kind' must be one of movie, series, season, episode." },
        { "title blank", Film(title: " "), "Entities[0].Title", "'title' must not be empty." },
        { "title long", Film(title: new string('t', 501)), "Entities[0].Title", "The length of 'title' must be 500 characters or fewer. You entered 501 characters." },
        { "year early", Film(year: 1869), "Entities[0].Year", "'year' must be between 1870 and 2200. You entered 1869." },
        { "year late", Film(year: 2201), "Entities[0].Year", "'year' must be between 1870 and 2200. You entered 2201." },
        { "genres many", Film(genres: [.. Enumerable.Range(0, 11).Select(i => $"g{i}")]), "Entities[0].Genres", "At most 10 genres per entity." },
        { "genre blank", Film(genres: ["drama", " "]), "Entities[0].Genres[1]", "A genre must be 1 to 50 characters." },
        { "genre long", Film(genres: [new string('g', 51)]), "Entities[0].Genres[0]", "A genre must be 1 to 50 characters." },
        { "description", Film(description: new string('d', 4001)), "Entities[0].Description", "The length of 'description' must be 4000 characters or fewer. You entered 4001 characters." },
        { "metadata array", Film(metadata: "[1]"), "Entities[0].Metadata", "'metadata' must be a JSON object." },
        { "metadata big", Film(metadata: $"{{\"a\":\"{new string('m', 16 * 1024)}\"}}"), "Entities[0].Metadata", "'metadata' must be 16384 bytes of JSON or fewer." },
        { "metadata NUL", Film(metadata: """{"a":"x\u0000"}"""), "Entities[0].Metadata", "'metadata' must not contain NUL characters or unpaired surrogates." },
        { "embedding size", Film(embedding: [1, 2]), "Entities[0].Embedding", "'embedding' must have exactly 512 numbers (zero-pad a smaller model's vector); it has 2." },
        { "embedding NaN", Film(embedding: [float.NaN, .. Vector()[1..]]), "Entities[0].Embedding", "'embedding' must hold finite numbers (no NaN or infinity)." },
        { "embedding zero", Film(embedding: Vector(0)), "Entities[0].Embedding", "'embedding' must not be all zeros (it has no direction)." },
    };

    [Theory]
    [MemberData(nameof(BrokenEntities))]
    public void ABrokenEntity_IsNamedWithItsRule(string rule, CatalogEntityDto entity, string path, string message) =>
        Assert.Equal([(rule, path, message)], Errors(entity).Select(e => (rule, e.Item1, e.Item2)));

    [Fact]
    public void EntitiesAtTheLimits_AreParsed_GenresTrimmedLowerCasedAndOnce()
    {
        var id = Guid.NewGuid();
        var metadata = $"{{\"a\":\"{new string('m', (16 * 1024) - 8)}\"}}";   // exactly 16 KiB

        var command = IngestCatalogCommand.Parse("tenant-a", new CatalogIngestRequest(
        [
            Film(kind: "episode", title: new string('t', 500), year: 1870, genres: [.. Enumerable.Range(0, 9).Select(i => $"g{i}"), " Drama "],
                description: new string('d', 4000), metadata: metadata, embedding: Vector(), id: id),
            Film(year: 2200, genres: ["Drama", "drama ", new string('g', 50)], description: "", metadata: "null"),
            Film(year: null, title: "  Heat  ", embedding: [0, .. Vector()[1..]]),   // a zero among others is fine
        ]));

        var (longest, latest, plain) = (command.Items[0], command.Items[1], command.Items[2]);
        Assert.Equal("tenant-a", command.TenantId);
        Assert.Equal((id, EntityKind.Episode, 500, 1870, "drama", 4000, metadata), (longest.Id, longest.Kind, longest.Title.Length, longest.Year,
            longest.Genres[^1], longest.Description!.Length, longest.MetadataJson));
        Assert.Equal(Vector(), longest.Embedding);
        Assert.Equal(["drama", new string('g', 50)], latest.Genres);
        Assert.Equal((2200, (string?)null, (string?)null), (latest.Year, latest.Description, latest.MetadataJson));
        Assert.Equal((null, "Heat", EntityKind.Movie), (plain.Id, plain.Title, plain.Kind));
        Assert.Empty(plain.Genres);
    }

    [Fact]
    public void TheRequest_IsChecked_AndEveryProblemReported()
    {
        var id = Guid.NewGuid();

        var none = Errors();
        var nullEntity = Errors(Film(), null);
        var repeated = Errors(Film(id: id), Film(), Film(id: id));
        var several = Errors(Film(kind: null, title: null), Film(year: 1));
        var tooMany = Errors([.. Enumerable.Range(0, 1001).Select(_ => Film())]);
        var noRequest = Assert.Throws<ValidationException>(() => IngestCatalogCommand.Parse("tenant-a", null));

        Assert.Equal([("Entities", "'entities' must not be empty.")], none);
        Assert.Equal([("Entities[1]", "An entity must not be null.")], nullEntity);
        Assert.Equal([("Entities[2].Id", "'id' repeats entities[0].id: send each title once.")], repeated);
        Assert.Equal(["Entities[0].Kind", "Entities[0].Title", "Entities[1].Year"], several.Select(e => e.Item1));
        Assert.Equal([("Entities", "At most 1000 entities per request.")], tooMany);
        Assert.Equal("Entities", Assert.Single(noRequest.Errors).PropertyName);
    }

    [Theory]
    [InlineData("Heat", "crime,drama", " A heist. ", "Heat. crime, drama. A heist.")]
    [InlineData(" Heat ", "", " ", "Heat")]
    [InlineData("Heat", "", "A heist.", "Heat. A heist.")]
    public void TheEmbeddedText_IsTitleGenresAndDescription(string title, string genres, string description, string expected) =>
        Assert.Equal(expected, CatalogEntry.TextOf(title, genres.Length == 0 ? [] : genres.Split(','), description));

    // Out of the theory's data: a NUL in a row's argument lands in the test's display name, which the TRX report cannot
    // hold (it stopped there). Same for the two below.
    [Fact]
    public void ATitleWithNul_IsNamed() => ABrokenEntity_IsNamedWithItsRule("title NUL", Film(title: "He\0at"), "Entities[0].Title", "'title' must not contain NUL characters or unpaired surrogates.");

    [Fact]
    public void AGenreWithNul_IsNamed() => ABrokenEntity_IsNamedWithItsRule("genre NUL", Film(genres: ["dra\0ma"]), "Entities[0].Genres[0]", "'genres' must not contain NUL characters or unpaired surrogates.");

    [Fact]
    public void ADescriptionWithNul_IsNamed() => ABrokenEntity_IsNamedWithItsRule("description NUL", Film(description: "A\0heist."), "Entities[0].Description", "'description' must not contain NUL characters or unpaired surrogates.");
}
