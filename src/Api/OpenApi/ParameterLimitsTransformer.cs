using System.Globalization;
using System.Text.Json.Nodes;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Application.Sync.Progress;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Domain.Sync;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MediaGateway.Api.OpenApi;

/// <summary>
/// Limits of path, query and header parameters (by name: the same name means the same thing on every operation), from
/// the constants the validators use; and the Retry-After header of every 503.
/// </summary>
internal sealed class ParameterLimitsTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Schema is not OpenApiSchema schema)
            {
                continue;
            }

            switch (parameter.Name)
            {
                case "deviceId" or "X-Device-Id":
                    schema.MinLength = 1;
                    schema.MaxLength = Device.MaxIdLength;
                    schema.Pattern = "^[\\x21-\\x7E]+$";
                    parameter.Description ??= "The device's id: printable ASCII without spaces.";
                    break;
                case "contentId":
                    schema.MinLength = 1;
                    schema.MaxLength = ContentId.MaxLength;
                    break;
                case "limit":
                    schema.Minimum = "1";
                    schema.Maximum = TitleListParameters.MaxLimit.ToString(CultureInfo.InvariantCulture);
                    parameter.Description ??= $"At most this many titles (default {TitleListParameters.DefaultLimit}).";
                    break;
                case "kind" when operation.OperationId != "Lookup":   // Lookup's kind is TMDB's or TVDB's (movie, tv, series)
                    schema.Enum = Names(CatalogNames.Kinds.All);
                    break;
                case "genre":
                    schema.MaxLength = CatalogLimits.MaxGenreLength;
                    break;
                case "window":
                    schema.Enum = Names(TrendingWindows.Names.All);
                    break;
                case "type":
                    schema.Enum = Names(Enum.GetValues<ExternalIdType>().Select(CatalogNames.Of));
                    break;
                case "value":
                    schema.MaxLength = ExternalId.MaxValueLength;
                    break;
                case "status":
                    schema.Enum = Names(ListProgressValidator.Statuses);
                    break;
            }
        }

        if (operation.Responses?.TryGetValue("503", out var unavailable) == true && unavailable is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        return Task.CompletedTask;
    }

    private static List<JsonNode> Names(IEnumerable<string> names) => names.Select(name => (JsonNode)JsonValue.Create(name)).ToList();
}
