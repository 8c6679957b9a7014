using System.Text.Json.Nodes;
using MediaGateway.Api.Endpoints.Devices;
using MediaGateway.Api.Endpoints.EntityResolution;
using MediaGateway.Api.Endpoints.Sync;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Application.Recommendations;

namespace MediaGateway.Api.OpenApi;

/// <summary>
/// One valid body per write operation's request, shown in the document (and so on /scalar). The API tests send each
/// of them (OpenApiOperationsTests), so an example that stops passing validation fails a test.
/// </summary>
internal static class RequestExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(RegisterDeviceRequest)] = """
            {"deviceType": "TV", "platform": "tvOS", "appVersion": "5.2.0", "deviceName": "Living room", "capabilities": {"hdr": true}}
            """,
        [typeof(SetProgressRequest)] = """{"positionSeconds": 1312, "durationSeconds": 5400, "state": "paused"}""",
        [typeof(AddToWatchlistRequest)] = """{"contentId": "movie-42"}""",
        [typeof(SyncRequest)] = """
            {"deviceId": "tv-1", "cursor": null, "operations": [
              {"type": "progress.set", "contentId": "movie-42", "hlc": {"physicalMs": 1764000000000, "logical": 0},
               "positionSeconds": 1312, "durationSeconds": 5400, "state": "paused"},
              {"type": "watchlist.add", "contentId": "series-7", "tag": "tv-1:1", "hlc": {"physicalMs": 1764000000000, "logical": 1}}]}
            """,
        [typeof(ResolutionRequestDto)] = """
            {"externalIds": [{"type": "imdb", "value": "tt0111161"}], "title": "The Shawshank Redemption", "year": 1994, "kind": "movie"}
            """,
        [typeof(MergeRequest)] = """{"into": "0193a4c2-7d1e-7b3a-9f10-2c4d5e6f7a8b"}""",
        [typeof(SplitRequest)] = """{"externalIds": [{"type": "tmdb", "value": "278", "kind": "movie"}]}""",
        [typeof(BatchResolutionRequest)] = """
            {"items": [{"externalIds": [{"type": "imdb", "value": "tt0111161"}], "title": "The Shawshank Redemption", "year": 1994, "kind": "movie"}]}
            """,
        [typeof(CatalogIngestRequest)] = """
            {"entities": [{"id": "0193a4c2-7d1e-7b3a-9f10-2c4d5e6f7a8b", "kind": "movie", "title": "The Shawshank Redemption", "year": 1994,
              "genres": ["drama"], "description": "Two imprisoned men bond over a number of years.", "metadata": {"runtimeMinutes": 142}}]}
            """,
        [typeof(InteractionDto)] = """{"entityId": "0193a4c2-7d1e-7b3a-9f10-2c4d5e6f7a8b", "type": "rating", "value": 5, "eventId": "evt-2f9c"}""",
        [typeof(InteractionBatchRequest)] = """
            {"interactions": [{"entityId": "0193a4c2-7d1e-7b3a-9f10-2c4d5e6f7a8b", "type": "play", "eventId": "evt-2f9d"}]}
            """,
    };

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
