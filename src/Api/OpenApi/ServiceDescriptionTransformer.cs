using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MediaGateway.Api.OpenApi;

/// <summary>The document's title, its description of the service and its conventions, and a description per tag.</summary>
internal sealed class ServiceDescriptionTransformer : IOpenApiDocumentTransformer
{
    /// <summary>One per feature (the endpoint groups' WithTags). OpenApiTests fails for a tag without one.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Account"] = "Who the token says the caller is.",
        ["Devices"] = "The caller's devices: register, heartbeat (online in the last 5 minutes), list, remove.",
        ["Admin"] = "Operations for the service's operators. Role `admin`.",
        ["Sync"] = "Playback progress, the watchlist and offline sync across the user's devices. Writes name the device in `X-Device-Id`; " +
            "concurrent writes are merged with hybrid logical clocks (the newest write wins, an add wins over a concurrent remove).",
        ["Entity resolution"] = "Maps partners' external ids (EIDR, IMDb, TMDB, TVDB) to one entity per title. Writes need role `ingest` (or `admin`).",
        ["Catalog"] = "The tenant's titles with their text, genres, metadata and embedding, for recommendations. Role `ingest` (or `admin`).",
        ["Recommendations"] = "Interactions in, titles out: personal recommendations, similar titles and trending.",
    };

    private const string Description = """
        Media-streaming backend: playback progress and watchlist sync across a user's devices, entity resolution of
        partners' external ids, a title catalog, and recommendations.

        ## Conventions
        - **Authentication.** Every operation needs a bearer JWT (HS256) with the claims `sub` (user) and `tenant`;
          without a valid one the answer is 401. Operations for a role (`admin`, `ingest`) answer 403 to other callers.
        - **Tenancy comes from the token.** Tenant and user are never taken from the URL or the body: a caller sees and
          changes only its own tenant's and its own user's data.
        - **Device header.** Sync writes name the writing device in `X-Device-Id` (printable ASCII, at most 255
          characters); register it first with `PUT /api/v1/devices/{deviceId}`.
        - **Errors** are RFC 9457 ProblemDetails (`application/problem+json`) with `status`, `title`, `detail` where
          useful, and `traceId` to quote when reporting a problem. A 400 names each bad field in `errors`, as the client
          wrote it (`operations[3].hlc`, `X-Device-Id`). A 409 says what conflicts in extra members (`entityIds`,
          `contentId`, `maxItems`). A 503 (Postgres unreachable or overloaded) carries `Retry-After`: nothing was
          stored, retry. Any operation may answer 500 for a bug; its body has no details. A body that is not
          `application/json` is a 415 and an unknown method a 405, both ProblemDetails, before any operation is chosen.
        - **JSON is strict:** numbers are JSON numbers, keys appear once, required fields are required; unknown fields
          are ignored. Bodies are limited (1 MB unless the operation says more; 413 beyond), and so are item counts and
          text lengths, as the schemas state.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MediaGateway API";
        document.Info.Description = Description;
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
