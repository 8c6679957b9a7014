using MediaGateway.Api.Security;

namespace MediaGateway.Api.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json: the contract apps and partner feeds generate clients from.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddMediaGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddDocumentTransformer<ServiceDescriptionTransformer>()
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddOperationTransformer<ParameterLimitsTransformer>()
            .AddSchemaTransformer<SchemaLimitsTransformer>());
}
