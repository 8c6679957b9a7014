using FluentValidation;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using Microsoft.Extensions.Options;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Recommendations;

/// <summary>What an interaction request must hold, and what the handler passes to the store and makes of its answer.</summary>
public sealed class RecordInteractionsTests
{
    private static readonly UserRef Alice = new("tenant-a", "alice");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Title = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InteractionDto Dto(string? type = "play", int? value = null, DateTimeOffset? at = null, string? eventId = null, Guid? entity = null) =>
        new(entity ?? Title, type, value, at, eventId);

    private static string[] FailuresOf(Action parse) =>
        Assert.Throws<ValidationException>(parse).Errors.Select(e => e.PropertyName).Order().ToArray();

    [Fact]
    public void AValidEvent_TakesTheServersTime_WhenItHasNone()
    {
        var command = RecordInteractionsCommand.ParseOne(Alice, Dto("like", eventId: "e-1"), Now);

        var input = Assert.Single(command.Interactions);
        Assert.Equal(new InteractionInput(Title, InteractionType.Like, null, Now, "e-1"), input);
        Assert.False(command.IsBatch);
        Assert.Equal("EntityId", command.FieldOf(0, "EntityId"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ARating_From1To5_IsValid(int value) =>
        Assert.Equal(value, RecordInteractionsCommand.ParseOne(Alice, Dto("rating", value), Now).Interactions[0].Rating);

    [Theory]
    [InlineData("rating", null, "Value")]
    [InlineData("rating", 0, "Value")]
    [InlineData("rating", 6, "Value")]
    [InlineData("like", 3, "Value")]
    [InlineData("watched", null, "Type")]
    [InlineData(null, null, "Type")]
    public void BadTypesAndValues_AreNamed(string? type, int? value, string field) =>
        Assert.Equal([field], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, Dto(type, value), Now)));

    [Fact]
    public void AMissingOrEmptyTitle_IsNamed()
    {
        Assert.Equal(["EntityId"], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, new InteractionDto(null, "play", null, null, null), Now)));
        Assert.Equal(["EntityId"], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, Dto(entity: Guid.Empty), Now)));
        Assert.Equal([""], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, null, Now)));
    }

    [Fact]
    public void AnEventTime_MayRunAheadByTheClockSkew_NotMore()
    {
        var skew = RecordInteractionsCommand.MaxClockSkew;
        Assert.Equal(Now + skew, RecordInteractionsCommand.ParseOne(Alice, Dto(at: Now + skew), Now).Interactions[0].OccurredAt);
        Assert.Equal(["OccurredAt"], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, Dto(at: Now + skew + TimeSpan.FromSeconds(1)), Now)));
    }

    [Fact]
    public void AnEventId_Is1To100Characters()
    {
        var longest = new string('e', RecordInteractionsCommand.MaxEventIdLength);
        Assert.Equal(longest, RecordInteractionsCommand.ParseOne(Alice, Dto(eventId: longest), Now).Interactions[0].EventId);
        Assert.Equal(["EventId"], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, Dto(eventId: longest + "e"), Now)));
        Assert.Equal(["EventId"], FailuresOf(() => RecordInteractionsCommand.ParseOne(Alice, Dto(eventId: " "), Now)));
    }

    [Fact]
    public void ABatch_NamesEachBadItemByItsIndex_AndNullItems()
    {
        var request = new InteractionBatchRequest([Dto(), null, Dto("rating", 9), Dto(type: "nope")]);

        Assert.Equal(["Interactions[1]", "Interactions[2].Value", "Interactions[3].Type"],
            FailuresOf(() => RecordInteractionsCommand.ParseBatch(Alice, request, Now)));
    }

    [Fact]
    public void ABatch_IsFrom1To500Items()
    {
        var full = Enumerable.Repeat<InteractionDto?>(Dto(), RecordInteractionsCommand.MaxBatch).ToList();
        var command = RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest(full), Now);

        Assert.Equal(RecordInteractionsCommand.MaxBatch, command.Interactions.Count);
        Assert.True(command.IsBatch);
        Assert.Equal("Interactions[7].EntityId", command.FieldOf(7, "EntityId"));
        Assert.Equal(["Interactions"], FailuresOf(() => RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest([.. full, Dto()]), Now)));
        Assert.Equal(["Interactions"], FailuresOf(() => RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest([]), Now)));
        Assert.Equal(["Interactions"], FailuresOf(() => RecordInteractionsCommand.ParseBatch(Alice, null, Now)));
    }

    private static (string Field, string Message)[] MessagesOf(Action parse) =>
        Assert.Throws<ValidationException>(parse).Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToArray();

    public static TheoryData<string, InteractionDto, string, string> BrokenEvents() => new()
    {
        { "no title", Dto(entity: Guid.Empty), "EntityId", "'entityId' must not be empty." },
        { "no type", Dto(type: null), "Type", "'type' must not be empty." },
        { "unknown type", Dto(type: "watched"), "Type", "'type' must be one of view, play, complete, like, dislike, watchlist, rating." },
        { "rating out of range", Dto("rating", 6), "Value", "A rating needs 'value' from 1 to 5." },
        { "value without rating", Dto("like", 3), "Value", "'value' is only for a rating." },
        { "future", Dto(at: Now.AddHours(1)), "OccurredAt", "'occurredAt' must not be in the future." },
        { "event id long", Dto(eventId: new string('e', 101)), "EventId", "'eventId' must be 1 to 100 characters." },
    };

    [Theory]
    [MemberData(nameof(BrokenEvents))]
    public void ABrokenEvent_IsNamedWithItsRule(string rule, InteractionDto interaction, string field, string message) =>
        Assert.Equal([(rule, field, message)], MessagesOf(() => RecordInteractionsCommand.ParseOne(Alice, interaction, Now)).Select(e => (rule, e.Field, e.Message)));

    [Fact]
    public void ARequestWithoutEvents_OrWithTooMany_SaysSo()
    {
        var tooMany = Enumerable.Repeat<InteractionDto?>(Dto(), RecordInteractionsCommand.MaxBatch + 1).ToList();

        Assert.Equal([("", "'interaction' must not be empty.")], MessagesOf(() => RecordInteractionsCommand.ParseOne(Alice, null, Now)));
        Assert.Equal([("Interactions", "'interactions' must not be empty.")], MessagesOf(() => RecordInteractionsCommand.ParseBatch(Alice, null, Now)));
        Assert.Equal([("Interactions", "At most 500 interactions per request.")],
            MessagesOf(() => RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest(tooMany), Now)));
        Assert.Equal([("Interactions[1]", "An interaction must not be null.")],
            MessagesOf(() => RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest([Dto(), null]), Now)));
    }

    [Fact]
    public async Task TheHandler_WeighsEachEventByTheTenantsWeights_AndPassesTheModelAndHalfLife()
    {
        var store = Substitute.For<IInteractionStore>();
        var embedder = Substitute.For<ITextEmbedder>();
        embedder.ModelId.Returns("model/3");
        var options = new RecommendationOptions { HalfLifeDays = 10 };
        options.Tenants["tenant-a"] = new TenantRecommendationOptions { Weights = new WeightOptions { Like = 7 } };
        IReadOnlyList<NewInteraction>? sent = null;
        store.RecordAsync(Alice, Arg.Do<IReadOnlyList<NewInteraction>>(list => sent = list), "model/3", TimeSpan.FromDays(10), Ct)
            .Returns(new RecordOutcome(1, 1, []));
        var command = RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest([Dto("like", eventId: "a"), Dto("rating", 5)]), Now);

        var recorded = await new RecordInteractionsHandler(store, embedder, Options.Create(options)).Handle(command, Ct);

        Assert.Equal(new InteractionsRecorded(1, 1), recorded);
        Assert.Equal([7.0, 2.0], sent!.Select(i => i.Weight));   // the tenant's like; a rating of 5 weighs 5 - 3
        Assert.Equal([null, 5], sent!.Select(i => i.Rating));
    }

    [Fact]
    public async Task TheHandler_TurnsUnknownTitlesIntoFieldErrors_ForEachIndex()
    {
        var store = Substitute.For<IInteractionStore>();
        store.RecordAsync(default, default!, default!, default, Ct).ReturnsForAnyArgs(new RecordOutcome(0, 0, [0, 2]));
        var command = RecordInteractionsCommand.ParseBatch(Alice, new InteractionBatchRequest([Dto(), Dto(), Dto()]), Now);
        var handler = new RecordInteractionsHandler(store, Substitute.For<ITextEmbedder>(), Options.Create(new RecommendationOptions()));

        var failure = await Assert.ThrowsAsync<ValidationException>(() => handler.Handle(command, Ct).AsTask());

        Assert.Equal(["Interactions[0].EntityId", "Interactions[2].EntityId"], failure.Errors.Select(e => e.PropertyName));
        Assert.All(failure.Errors, e => Assert.Equal("No title with this id is in the catalog; nothing was recorded.", e.ErrorMessage));
    }

    // Out of the theory's data: a NUL in a row's argument lands in the test's display name, which the TRX report cannot
    // hold (it stopped there).
    [Fact]
    public void AnEventIdWithNul_IsNamed() => ABrokenEvent_IsNamedWithItsRule("event id NUL", Dto(eventId: "e\0f"), "EventId", "'eventId' must not contain NUL characters or unpaired surrogates.");
}
