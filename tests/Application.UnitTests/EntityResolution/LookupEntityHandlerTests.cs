using FluentValidation;
using MediaGateway.Application.Common.Exceptions;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using NSubstitute;
using Xunit;
using static MediaGateway.Application.UnitTests.EntityResolution.ResolverHarness;

namespace MediaGateway.Application.UnitTests.EntityResolution;

public sealed class LookupEntityHandlerTests
{
    private static readonly Guid Matrix = new("00000000-0000-0000-0000-00000000000a");
    private static readonly ExternalId MatrixTmdb = Tmdb("603", "movie");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ResolverHarness _h = new();

    private LookupEntityHandler Handler() => new(_h.Store);

    private static LookupEntityQuery Query(string? type, string? value, string? kind) => new(Tenant, ExternalIdParser.Parse(type, value, kind));

    [Fact]
    public async Task Handle_CacheHit_AnswersCache()
    {
        _h.Cached[MatrixTmdb] = new CachedMapping(Matrix, 0.9);

        var result = await Handler().Handle(Query("TMDB", " 603 ", "Movie"), Ct);

        Assert.Equal((Matrix, 0.9, "cache"), (result.EntityId, result.Confidence, result.Method));
        Assert.Equal([new ExternalIdDto("tmdb", "603", "movie")], result.ExternalIds);
        await _h.Store.Received(1).FindMappingsAsync(Tenant,
            Arg.Is<IReadOnlyCollection<ExternalId>>(ids => ids.SequenceEqual(new[] { MatrixTmdb })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_CacheMiss_StoreHit_AnswersExact()
    {
        var mapping = new KnownMapping(MatrixTmdb, Matrix, 0.95);
        _h.Stored[MatrixTmdb] = mapping;

        var result = await Handler().Handle(Query("tmdb", "603", "movie"), Ct);

        Assert.Equal((Matrix, 0.95, "exact"), (result.EntityId, result.Confidence, result.Method));
    }

    [Fact]
    public async Task Handle_UnknownEverywhere_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(Query("imdb", "https://www.imdb.com/title/tt0133093/", null), Ct));

        Assert.Equal("tt0133093", error.Key);
        Assert.Contains("imdb", error.Resource, StringComparison.Ordinal);
        await _h.Store.Received(1).FindMappingsAsync(Tenant,
            Arg.Is<IReadOnlyCollection<ExternalId>>(ids => ids.SequenceEqual(new[] { Imdb("tt0133093") })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_SameNumberOfAnotherKind_IsNotFound()
    {
        _h.Stored[MatrixTmdb] = new KnownMapping(MatrixTmdb, Matrix, 1.0);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handler().Handle(Query("tmdb", "603", "tv"), Ct));
    }

    [Theory]
    [InlineData("netflix", "80100172", null, "type")]
    [InlineData("tmdb", "603", null, "kind")]
    [InlineData("tmdb", "603", "series", "kind")]
    [InlineData("imdb", "tt05", null, "value")]
    [InlineData("eidr", "10.5240/7791-8534-2C23-9030-8610-6", null, "value")]
    [InlineData("imdb", null, null, "value")]
    public void Parser_NamesTheBadField(string? type, string? value, string? kind, string field)
    {
        var error = Assert.Throws<ValidationException>(() => ExternalIdParser.Parse(type, value, kind));

        Assert.Equal(field, Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public void Parser_AcceptsAValidId()
    {
        var id = ExternalIdParser.Parse("eidr", "doi:10.5240/7791-8534-2c23-9030-8610-5", null);

        Assert.Equal(ExternalId.Parse("eidr", "10.5240/7791-8534-2C23-9030-8610-5"), id);
    }
}
