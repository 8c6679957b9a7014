using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Options;
using Xunit;

namespace MediaGateway.Application.UnitTests.Sync;

/// <summary>
/// The sync validator's hand-written checks: each broken rule gives the field path and the message the declarative
/// rules give elsewhere, and nothing at the limits is refused.
/// </summary>
public sealed class SyncValidatorTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly HlcDto Hlc = new(1_000, 0);

    private static SyncValidator Validator(int maxOperations = 1000) =>
        new(Options.Create(new SyncOptions { MaxOperationsPerSync = maxOperations }));

    private static SyncOperationDto Add(string? contentId = "film", string? tag = "t1", HlcDto? hlc = null) =>
        new("watchlist.add", contentId, tag, null, hlc ?? Hlc, null, null, null);

    private static SyncOperationDto Remove(IReadOnlyList<string>? tags) => new("watchlist.remove", "film", null, tags, Hlc, null, null, null);

    private static SyncOperationDto Set(int? position = 10, int? duration = 60, string? state = "paused") =>
        new("progress.set", "movie", null, null, Hlc, position, duration, state);

    private static List<(string, string)> Errors(SyncCommand command, int maxOperations = 1000) =>
        Validator(maxOperations).Validate(command).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();

    private static SyncCommand With(params SyncOperationDto[] operations) => new(Alice, "tv", null, operations);

    public static TheoryData<string, SyncOperationDto, string, string> BrokenOperations() => new()
    {
        { "type", Add() with { Type = "watchlist.move" }, "Operations[0].type", "'type' must be one of watchlist.add, watchlist.remove, progress.set, progress.delete." },
        { "content empty", Add(contentId: " "), "Operations[0].contentId", "'contentId' must not be empty." },
        { "content long", Add(contentId: new string('c', 256)), "Operations[0].contentId", "The length of 'contentId' must be 255 characters or fewer. You entered 256 characters." },
        { "hlc missing", Add() with { Hlc = null }, "Operations[0].hlc", "'hlc' must not be empty." },
        { "hlc physical", Add(hlc: new HlcDto(-1, 0)), "Operations[0].hlc.physicalMs", "'hlc.physicalMs' must be greater than or equal to '0'." },
        { "hlc logical", Add(hlc: new HlcDto(1, -1)), "Operations[0].hlc.logical", "'hlc.logical' must be greater than or equal to '0'." },
        { "tag empty", Add(tag: ""), "Operations[0].tag", "'tag' must not be empty." },
        { "tag long", Add(tag: new string('t', 256)), "Operations[0].tag", "The length of 'tag' must be 255 characters or fewer. You entered 256 characters." },
        { "tags missing", Remove(null), "Operations[0].tags", "'tags' must not be empty." },
        { "tags empty", Remove([]), "Operations[0].tags", "'tags' must not be empty." },
        { "second tag", Remove(["a", " "]), "Operations[0].tags[1]", "'tags[1]' must not be empty." },
        { "duration missing", Set(duration: null), "Operations[0].durationSeconds", "'durationSeconds' must not be empty." },
        { "duration zero", Set(position: 0, duration: 0), "Operations[0].durationSeconds", "'durationSeconds' must be greater than '0'." },
        { "position missing", Set(position: null), "Operations[0].positionSeconds", "'positionSeconds' must not be empty." },
        { "position negative", Set(position: -1), "Operations[0].positionSeconds", "'positionSeconds' must be greater than or equal to '0'." },
        { "position beyond", Set(position: 61), "Operations[0].positionSeconds", "'positionSeconds' must not be beyond 'durationSeconds'." },
        { "state", Set(state: "seeking"), "Operations[0].state", "'state' must be one of playing, paused, stopped." },
    };

    [Theory]
    [MemberData(nameof(BrokenOperations))]
    public void ABrokenOperation_IsNamedWithItsRule(string rule, SyncOperationDto operation, string field, string message)
    {
        var errors = Errors(With(operation));

        Assert.Equal([(rule, field, message)], errors.Select(e => (rule, e.Item1, e.Item2)));
    }

    [Fact]
    public void ANullOperation_IsNamedByItsIndex()
    {
        var errors = Errors(new SyncCommand(Alice, "tv", null, [Add(), null]));

        Assert.Equal([("Operations[1]", "An operation must not be null.")], errors);
    }

    [Fact]
    public void OperationsAtTheLimits_AreValid()
    {
        var errors = Errors(With(
            Add(contentId: new string('c', 255), tag: new string('t', 255), hlc: new HlcDto(0, 0)),
            Remove(["a", new string('t', 255)]),
            Set(position: 0, duration: 1, state: "playing"),
            Set(position: 60, duration: 60, state: "stopped"),
            new SyncOperationDto("progress.delete", "movie", null, null, Hlc, null, null, null)));

        Assert.Empty(errors);
    }

    [Fact]
    public void TheEnvelope_IsChecked()
    {
        var noDevice = Errors(new SyncCommand(Alice, null, null, []));
        var badCursor = Errors(new SyncCommand(Alice, "tv", "c", []));
        var goodCursor = Errors(new SyncCommand(Alice, "tv", "c42", []));
        var noOperations = Errors(new SyncCommand(Alice, "tv", null, null));
        var atLimit = Errors(With(Add(), Add()), maxOperations: 2);
        var overLimit = Errors(With(Add(), Add(), Add()), maxOperations: 2);

        Assert.Equal("DeviceId", Assert.Single(noDevice).Item1);
        Assert.Equal([("Cursor", "'cursor' is not a cursor this server issued.")], badCursor);
        Assert.Empty(goodCursor);
        Assert.Equal("Operations", Assert.Single(noOperations).Item1);
        Assert.Empty(atLimit);
        Assert.Equal([("Operations", "At most 2 operations per request.")], overLimit);
    }

    [Fact]
    public void TagsPerOperation_AreLimited()
    {
        var validator = new SyncValidator(Options.Create(new SyncOptions { MaxTagsPerOperation = 3 }));
        string[] Tags(int count) => [.. Enumerable.Range(0, count).Select(i => $"t{i}")];

        var atLimit = validator.Validate(With(Remove(Tags(3)))).Errors;
        var overLimit = validator.Validate(With(Add(), Remove(Tags(4)))).Errors.Select(e => (e.PropertyName, e.ErrorMessage));

        Assert.Empty(atLimit);
        Assert.Equal([("Operations[1].tags", "At most 3 tags per operation. You named 4.")], overLimit);
    }

    [Fact]
    public void TagsPerRequest_AreLimited_CountingOnePerAdd()
    {
        var validator = new SyncValidator(Options.Create(new SyncOptions { MaxTagsPerSync = 5 }));

        var atLimit = validator.Validate(With(Add(), Remove(["a", "b"]), Remove(["c", "d"]))).Errors;
        var overLimit = validator.Validate(With(Add(), Add(tag: "t2"), Remove(["a", "b"]), Remove(["c", "d"]))).Errors
            .Select(e => (e.PropertyName, e.ErrorMessage));
        var progressNamesNoTag = validator.Validate(With(Set(), Set(), Set(), Remove(["a", "b"]), Remove(["c", "d"]), Add())).Errors;

        Assert.Empty(atLimit);
        Assert.Equal([("Operations", "At most 5 tags per request (one per watchlist.add, and those of each watchlist.remove).")], overLimit);
        Assert.Empty(progressNamesNoTag);
    }

    [Theory]
    [InlineData(null, true, null)]
    [InlineData("c0", true, 0L)]
    [InlineData("c42", true, 42L)]
    [InlineData("c", false, null)]
    [InlineData("42", false, null)]
    [InlineData("c-1", false, null)]
    public void Cursor_ParsesOnlyWhatTheServerFormats(string? cursor, bool valid, long? seq)
    {
        Assert.Equal((valid, seq), (SyncCursor.TryParse(cursor, out var parsed), parsed));
        if (seq is { } value)
        {
            Assert.Equal(cursor, SyncCursor.Format(value));
        }
    }

    // Out of the theory's data: a NUL in a row's argument lands in the test's display name, which the TRX report cannot
    // hold (it stopped there).
    [Fact]
    public void AContentIdWithNul_IsNamed() => ABrokenOperation_IsNamedWithItsRule("content NUL", Add(contentId: "fi\0lm"), "Operations[0].contentId", "'contentId' must not contain NUL characters or unpaired surrogates.");
}
