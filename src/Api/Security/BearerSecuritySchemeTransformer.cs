using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MediaGateway.Api.Security;

/// <summary>Tells the OpenAPI document (and so the Scalar page) that requests carry a bearer JWT.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT signed with HS256 by the service's key (`Auth:SigningKey`), with the claims `sub` (user id), " +
                "`tenant` (tenant id), `iss` and `aud` (`media-gateway` unless configured), `exp`, and `role` (`admin`, `ingest`) " +
                "where an operation needs one. Your identity provider issues it; locally, " +
                "`dotnet run --project src/Api -- token --user U --tenant T [--role ingest]` prints one signed with the local key.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
        });
        return Task.CompletedTask;
    }
}
