using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Platform;

public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenApiDocument_IsAnonymous_AndDescribesBearerAuthAndRoutes()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/devices/{deviceId}", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes")
            .GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task ScalarReference_IsServed()
    {
        var response = await api.CreateClient().GetAsync("/scalar/v1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
