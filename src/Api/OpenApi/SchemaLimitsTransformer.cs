using System.Globalization;
using System.Text.Json.Nodes;
using MediaGateway.Api.Endpoints.Devices;
using MediaGateway.Api.Endpoints.EntityResolution;
using MediaGateway.Api.Endpoints.Sync;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Application.Recommendations;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Devices;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Domain.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace MediaGateway.Api.OpenApi;

/// <summary>
/// Puts the validators' limits into the request schemas (lengths, ranges, item counts, the names an enum-like string
/// accepts), so a client can check before it sends; adds an example body to every write's request; and adds
/// <c>traceId</c> to every ProblemDetails. The numbers are the constants (and Sync options) the validators use.
/// </summary>
internal sealed class SchemaLimitsTransformer(IOptions<SyncOptions> syncOptions) : IOpenApiSchemaTransformer
{
    private static readonly IReadOnlyList<string> ExternalIdTypes = Enum.GetValues<ExternalIdType>().Select(CatalogNames.Of).ToList();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;   // property schemas are handled with their type, below
        }

        var type = context.JsonTypeInfo.Type;
        if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's trace id: quote it when reporting a problem.",
            };
            (schema.Required ??= new HashSet<string>()).Add("traceId");
        }

        var sync = syncOptions.Value;
        switch (type.Name)
        {
            case nameof(RegisterDeviceRequest):
                Limit(schema, "deviceType", enumNames: Enum.GetNames<DeviceType>());
                Limit(schema, "platform", maxLength: Device.MaxPlatformLength);
                Limit(schema, "appVersion", maxLength: Device.MaxAppVersionLength);
                Limit(schema, "deviceName", maxLength: Device.MaxNameLength);
                break;
            case nameof(SetProgressRequest):
                Limit(schema, "positionSeconds", minimum: 0);
                Limit(schema, "durationSeconds", minimum: 1);
                Limit(schema, "state", enumNames: PlaybackStates.Names.All);
                break;
            case nameof(AddToWatchlistRequest):
                Limit(schema, "contentId", minLength: 1, maxLength: ContentId.MaxLength);
                break;
            case nameof(SyncRequest):
                Limit(schema, "deviceId", minLength: 1, maxLength: Device.MaxIdLength);
                Limit(schema, "operations", maxItems: sync.MaxOperationsPerSync);
                break;
            case nameof(SyncOperationDto):
                Limit(schema, "type", enumNames: SyncOperationTypes.Names.All);
                Limit(schema, "contentId", minLength: 1, maxLength: ContentId.MaxLength);
                Limit(schema, "tag", maxLength: WatchlistTag.MaxLength);
                Limit(schema, "tags", maxItems: sync.MaxTagsPerOperation);
                Limit(schema, "positionSeconds", minimum: 0);
                Limit(schema, "durationSeconds", minimum: 1);
                Limit(schema, "state", enumNames: PlaybackStates.Names.All);
                break;
            case nameof(HlcDto):
                Limit(schema, "logical", minimum: 0, maximum: HybridTimestamp.MaxLogical);
                break;
            case nameof(ResolutionRequestDto):
                Limit(schema, "externalIds", maxItems: EntityResolutionOptions.MaxIdsPerItem);
                Limit(schema, "title", maxLength: TitleNormalizer.MaxTitleLength);
                Limit(schema, "year", minimum: Entity.MinYear, maximum: Entity.MaxYear);
                Limit(schema, "kind", enumNames: CatalogNames.Kinds.All);
                Limit(schema, "embedding", minItems: Entity.EmbeddingDimensions, maxItems: Entity.EmbeddingDimensions);
                break;
            case nameof(SplitRequest):
                Limit(schema, "externalIds", minItems: 1, maxItems: EntityMerge.MaxSplitIds);
                break;
            case nameof(ExternalIdDto):
                Limit(schema, "type", enumNames: ExternalIdTypes);
                Limit(schema, "value", maxLength: ExternalId.MaxValueLength);
                break;
            case nameof(BatchResolutionRequest):
                Limit(schema, "items", minItems: 1, maxItems: EntityResolutionOptions.MaxBatchItems);
                break;
            case nameof(CatalogIngestRequest):
                Limit(schema, "entities", minItems: 1, maxItems: CatalogLimits.MaxEntitiesPerRequest);
                break;
            case nameof(CatalogEntityDto):
                Limit(schema, "kind", enumNames: CatalogNames.Kinds.All);
                Limit(schema, "title", maxLength: TitleNormalizer.MaxTitleLength);
                Limit(schema, "year", minimum: Entity.MinYear, maximum: Entity.MaxYear);
                Limit(schema, "genres", maxItems: CatalogLimits.MaxGenres);
                if (schema.Properties!["genres"] is OpenApiSchema { Items: OpenApiSchema genre })
                {
                    genre.MaxLength = CatalogLimits.MaxGenreLength;
                }

                Limit(schema, "description", maxLength: CatalogLimits.MaxDescriptionLength);
                Limit(schema, "embedding", minItems: Entity.EmbeddingDimensions, maxItems: Entity.EmbeddingDimensions);
                break;
            case nameof(InteractionDto):
                Limit(schema, "type", enumNames: InteractionTypes.Names.All);
                Limit(schema, "eventId", maxLength: RecordInteractionsCommand.MaxEventIdLength);
                break;
            case nameof(InteractionBatchRequest):
                Limit(schema, "interactions", minItems: 1, maxItems: RecordInteractionsCommand.MaxBatch);
                break;
        }

        if (RequestExamples.For(type) is { } example)
        {
            schema.Examples = [example];
        }

        return Task.CompletedTask;
    }

    private static void Limit(
        OpenApiSchema schema, string property, int? minLength = null, int? maxLength = null, int? minimum = null, int? maximum = null,
        int? minItems = null, int? maxItems = null, IReadOnlyList<string>? enumNames = null)
    {
        // A property that is missing or a $ref is a wiring mistake here; OpenApiTests reads a few limits back.
        if (schema.Properties?.TryGetValue(property, out var found) != true || found is not OpenApiSchema target)
        {
            throw new InvalidOperationException($"The schema has no inline property '{property}' to put a limit on.");
        }

        target.MinLength = minLength ?? target.MinLength;
        target.MaxLength = maxLength ?? target.MaxLength;
        target.Minimum = minimum?.ToString(CultureInfo.InvariantCulture) ?? target.Minimum;
        target.Maximum = maximum?.ToString(CultureInfo.InvariantCulture) ?? target.Maximum;
        target.MinItems = minItems ?? target.MinItems;
        target.MaxItems = maxItems ?? target.MaxItems;
        if (enumNames is not null)
        {
            target.Enum = enumNames.Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        }
    }
}
