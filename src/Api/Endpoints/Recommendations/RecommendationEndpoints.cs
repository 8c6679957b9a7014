using System.Security.Claims;
using Mediator;
using MediaGateway.Api.OpenApi;
using MediaGateway.Api.Security;
using MediaGateway.Application.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaGateway.Api.Endpoints.Recommendations;

public static class RecommendationEndpoints
{
    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Recommendations").ProducesServiceUnavailable();
        group.MapPost("/interactions", PostInteraction).WithName(nameof(PostInteraction))
            .WithSummary("Records one thing the caller did with a title; the next recommendations reflect it. A retried event (same eventId) counts once.");
        group.MapPost("/interactions/batch", PostInteractions).WithName(nameof(PostInteractions))
            .WithSummary("Records up to 500 of the caller's interactions, all or none.");
        group.MapGet("/recommendations", GetRecommendations).WithName(nameof(GetRecommendations)).ProducesValidationProblem()
            .WithSummary("Titles for the caller: nearest their taste, without titles they already interacted with or completed, diversified, each with a reason.");
        group.MapGet("/entities/{entityId:guid}/similar", GetSimilar).WithName(nameof(GetSimilar))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The titles nearest one title of the catalog.");
        group.MapGet("/trending", GetTrending).WithName(nameof(GetTrending)).ProducesValidationProblem()
            .WithSummary("The tenant's most active titles of the last hour, day or week (window=1h|24h|7d, default 24h).");
        group.MapDelete("/me/profile", DeleteProfile).WithName(nameof(DeleteProfile))
            .WithSummary("Forgets the caller's interactions and taste profile (the right to erasure).");
        return app;
    }

    internal static async Task<Ok<InteractionsRecorded>> PostInteraction(
        InteractionDto body, ClaimsPrincipal principal, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(RecordInteractionsCommand.ParseOne(principal.ToUserRef(), body, time.GetUtcNow()), ct));

    internal static async Task<Ok<InteractionsRecorded>> PostInteractions(
        InteractionBatchRequest body, ClaimsPrincipal principal, ISender sender, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(RecordInteractionsCommand.ParseBatch(principal.ToUserRef(), body, time.GetUtcNow()), ct));

    internal static async Task<Ok<TitleList>> GetRecommendations(
        int? limit, string? kind, string? genre, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRecommendationsQuery(principal.ToUserRef(), TitleListParameters.Parse(limit, kind, genre)), ct));

    internal static async Task<Ok<TitleList>> GetSimilar(
        Guid entityId, int? limit, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(
            new GetSimilarTitlesQuery(principal.ToUserRef().TenantId, entityId, TitleListParameters.Parse(limit, null, null)), ct));

    internal static async Task<Ok<TitleList>> GetTrending(
        string? window, int? limit, string? kind, ClaimsPrincipal principal, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTrendingQuery(
            principal.ToUserRef().TenantId, GetTrendingQuery.ParseWindow(window), TitleListParameters.Parse(limit, kind, null)), ct));

    internal static async Task<NoContent> DeleteProfile(ClaimsPrincipal principal, ISender sender, CancellationToken ct)
    {
        await sender.Send(new EraseProfileCommand(principal.ToUserRef()), ct);
        return TypedResults.NoContent();
    }
}
