using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Platform;

public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<JsonElement> DocumentAsync() => api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

    [Fact]
    public async Task OpenApiDocument_IsAnonymous_AndDescribesBearerAuthAndRoutes()
    {
        var document = await DocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/devices/{deviceId}", out _));
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains("tenant", bearer.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_HasATitle_ADescriptionOfTheConventions_AndADescriptionPerTag()
    {
        var document = await DocumentAsync();

        var info = document.GetProperty("info");
        Assert.Equal("MediaGateway API", info.GetProperty("title").GetString());
        Assert.All(["Tenancy comes from the token", "X-Device-Id", "traceId", "Retry-After"],
            phrase => Assert.Contains(phrase, info.GetProperty("description").GetString(), StringComparison.Ordinal));
        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, tag => Assert.False(string.IsNullOrWhiteSpace(tag.TryGetProperty("description", out var d) ? d.GetString() : null),
            $"tag '{tag.GetProperty("name")}' has no description (ServiceDescriptionTransformer)"));
    }

    [Fact]
    public async Task Errors_AreProblemDetailsWithTraceId_AndValidationErrorsCarryTheErrorsMap()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var resolve = document.GetProperty("paths").GetProperty("/api/v1/entities/resolve").GetProperty("post").GetProperty("responses");

        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", SchemaRef(resolve, "400"));
        Assert.Equal("#/components/schemas/EntityIdsConflictProblem", SchemaRef(resolve, "409"));
        Assert.Equal("#/components/schemas/ProblemDetails", SchemaRef(resolve, "401"));
        Assert.True(resolve.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        Assert.Equal("array", schemas.GetProperty("EntityIdsConflictProblem").GetProperty("properties").GetProperty("entityIds")
            .GetProperty("type").EnumerateArray().Select(t => t.GetString()).Single(t => t != "null"));
        foreach (var problem in new[] { "ProblemDetails", "HttpValidationProblemDetails", "EntityIdsConflictProblem" })
        {
            Assert.Contains("traceId", schemas.GetProperty(problem).GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public async Task RequestSchemas_CarryTheValidatorsLimits_AndAnExample()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement Property(string schema, string property) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);
        static string[] Enum(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();

        Assert.Equal(["playing", "paused", "stopped"], Enum(Property("SetProgressRequest", "state")));
        Assert.Equal(["TV", "Phone", "Tablet", "Web", "Desktop"], Enum(Property("RegisterDeviceRequest", "deviceType")));
        Assert.Equal(50, Property("RegisterDeviceRequest", "platform").GetProperty("maxLength").GetInt32());
        Assert.Equal(1000, Property("BatchResolutionRequest", "items").GetProperty("maxItems").GetInt32());
        Assert.Equal(1870, Property("CatalogEntityDto", "year").GetProperty("minimum").GetInt32());
        Assert.Equal(1000, Property("SyncRequest", "operations").GetProperty("maxItems").GetInt32());
        var contentId = document.GetProperty("paths").GetProperty("/api/v1/progress/{contentId}").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "contentId");
        Assert.Equal(255, contentId.GetProperty("schema").GetProperty("maxLength").GetInt32());
        Assert.Equal("paused", schemas.GetProperty("SetProgressRequest").GetProperty("examples")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task ScalarReference_IsServed()
    {
        var response = await api.CreateClient().GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static string? SchemaRef(JsonElement responses, string status) =>
        responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
}
