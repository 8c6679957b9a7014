using MediaGateway.Domain.Common;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Common;

/// <summary>
/// A rule broken in the domain reaches the client as a 400 naming the field with this message, so the message is
/// behaviour: each one names the rule and its limits.
/// </summary>
public sealed class DomainErrorMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private sealed class ManualTime(long ms) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static Device NewDevice(string id = "tv", DeviceType type = DeviceType.TV, string platform = "", string capabilities = "{}") =>
        new(id, type, platform, "", "", capabilities, T0);

    private static EntityMapping Mapping(double confidence = 1, ResolutionMethod method = ResolutionMethod.Exact) =>
        new(ExternalId.Parse(ExternalIdType.Imdb, "tt0111161"), Guid.Empty, confidence, method, T0, T0);

    public static TheoryData<string, Action, string, string> BrokenRules() => new()
    {
        { "device id empty", () => NewDevice(id: ""), "DeviceId", "DeviceId must be 1 to 255 characters." },
        { "platform too long", () => NewDevice(platform: new string('p', 51)), "Platform", "Platform must be at most 50 characters." },
        { "capabilities empty", () => NewDevice(capabilities: ""), "Capabilities", "Capabilities must be 1 to 4096 characters." },
        { "device type unknown", () => NewDevice(type: (DeviceType)99), "Type", "Unknown device type '99'." },
        { "entity kind unknown", () => _ = new Entity(Guid.Empty, (EntityKind)99, "t", null, null), "kind", "Unknown entity kind '99'." },
        { "entity title empty", () => _ = new Entity(Guid.Empty, EntityKind.Movie, " ", null, null), "title", $"'title' must be 1 to {TitleNormalizer.MaxTitleLength} characters." },
        { "entity year", () => _ = new Entity(Guid.Empty, EntityKind.Movie, "t", 1869, null), "year", "'year' must be between 1870 and 2200." },
        { "embedding size", () => _ = new Entity(Guid.Empty, EntityKind.Movie, "t", null, new float[3]), "embedding", "'embedding' must have 512 numbers." },
        { "embedding zero", () => _ = new Entity(Guid.Empty, EntityKind.Movie, "t", null, new float[512]), "embedding", "'embedding' must hold finite numbers, not all zero (a zero vector has no direction)." },
        { "confidence", () => Mapping(confidence: 1.5), "confidence", "'confidence' must be between 0 and 1." },
        { "merged confidence", () => Mapping().MergedConfidence(2), "confidence", "'confidence' must be between 0 and 1." },
        { "mapping method", () => Mapping(method: ResolutionMethod.Cache), "method", "A mapping records how it was made; 'cache' only describes an answer." },
        { "id type name", () => ExternalId.Parse("netflix", "x"), "type", "'type' must be one of eidr, imdb, tmdb, tvdb." },
        { "id type value", () => ExternalId.Parse((ExternalIdType)42, "603", "movie"), "type", "'type' must be one of eidr, imdb, tmdb, tvdb." },
        { "id null", () => ExternalId.Parse(ExternalIdType.Imdb, null), "value", "'value' must not be empty." },
        { "entity title null", () => _ = new Entity(Guid.Empty, EntityKind.Movie, null!, null, null), "title", $"'title' must be 1 to {TitleNormalizer.MaxTitleLength} characters." },
        { "id empty", () => ExternalId.Parse(ExternalIdType.Imdb, " "), "value", "'value' must not be empty." },
        { "id too long", () => ExternalId.Parse(ExternalIdType.Imdb, "tt" + new string('1', 199)), "value", "'value' must be at most 200 characters." },
        // 200 characters pass the length rule and fail IMDb's own.
        { "imdb", () => ExternalId.Parse(ExternalIdType.Imdb, "tt" + new string('1', 198)), "value", "An IMDb id is 'tt' followed by 7 or more digits, or an imdb.com title URL." },
        { "eidr prefix", () => ExternalId.Parse(ExternalIdType.Eidr, "11.1/x"), "value", "An EIDR id is a DOI of the form 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C." },
        { "eidr groups", () => ExternalId.Parse(ExternalIdType.Eidr, "10.5240/1234"), "value", "An EIDR id is a DOI of the form 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C (five groups of four hex digits and a check character)." },
        { "tmdb kind missing", () => ExternalId.Parse(ExternalIdType.Tmdb, "603", null), "kind", "A TMDB id needs its 'kind' (movie or tv): the same number is a different title in each." },
        { "tvdb kind wrong", () => ExternalId.Parse(ExternalIdType.Tvdb, "603", "tv"), "kind", "A TVDB id's 'kind' must be series or movie." },
        { "tmdb number", () => ExternalId.Parse(ExternalIdType.Tmdb, "0", "movie"), "value", "A TMDB id is a positive integer." },
        { "tvdb number", () => ExternalId.Parse(ExternalIdType.Tvdb, "x", "series"), "value", "A TVDB id is a positive integer." },
        { "duration", () => _ = new PlaybackPosition(0, 0, PlaybackState.Paused), "durationSeconds", "The duration must be greater than zero." },
        { "position", () => _ = new PlaybackPosition(-1, 10, PlaybackState.Paused), "positionSeconds", "The position must be between 0 and the duration." },
        { "state", () => _ = new PlaybackPosition(1, 10, (PlaybackState)9), "state", "Unknown playback state '9'." },
        { "hlc drift", () => new HybridLogicalClock(new ManualTime(10_000)).Receive(new HybridTimestamp(70_001, 0, "fast")), "hlc", "The timestamp is 60001 ms ahead of the server's clock; at most 60000 ms is accepted." },
        { "hlc negative", () => new HybridLogicalClock(new ManualTime(10_000)).Receive(new HybridTimestamp(5, -1, "bad")), "hlc", "The timestamp must not be negative." },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void BrokenRule_NamesTheFieldAndTheRule(string rule, Action act, string field, string message)
    {
        var error = Assert.Throws<DomainException>(act);

        Assert.Equal((rule, field, message), (rule, error.Field, error.Message));
    }

    [Fact]
    public void ProgrammingErrors_SayWhatIsWrong()
    {
        var twice = Assert.Throws<ArgumentException>(() => new WireNames<DeviceType>((DeviceType.TV, "tv"), (DeviceType.TV, "tv2")));
        var missing = Assert.Throws<ArgumentException>(() => new WireNames<PlaybackState>((PlaybackState.Playing, "playing")));
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => PlaybackStates.Names.Parse("seeking"));
        var eidr = Assert.Throws<ArgumentException>(() => Eidr.CheckCharacter("123"));
        var canonical = Assert.Throws<FormatException>(() => ExternalId.FromCanonical(ExternalIdType.Imdb, "TT0111161"));

        Assert.StartsWith("DeviceType: 'TV' or 'tv2' is named twice.", twice.Message, StringComparison.Ordinal);
        Assert.StartsWith("PlaybackState: no wire name for Paused, Stopped.", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("One of playing, paused, stopped expected.", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("An EIDR suffix has 20 hex digits.", eidr.Message, StringComparison.Ordinal);
        Assert.Equal("'TT0111161' is not a canonical imdb id.", canonical.Message);
    }
}
