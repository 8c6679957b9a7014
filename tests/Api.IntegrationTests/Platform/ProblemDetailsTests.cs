using System.Net;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MediaGateway.Api.IntegrationTests.Platform;

public sealed class ProblemDetailsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidationFailure_Returns400WithFieldErrors_AndStoresNothing()
    {
        var client = api.ClientFor("val-user");

        var response = await client.PutAsJsonAsync("/api/v1/devices/tv-1",
            new { deviceType = "Toaster", platform = new string('p', 51) }, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("TV, Phone, Tablet, Web, Desktop", errors.GetProperty("deviceType")[0].GetString());
        Assert.Equal(1, errors.GetProperty("platform").GetArrayLength());
        Assert.Equal("/api/v1/devices/tv-1", problem.GetProperty("instance").GetString());
        var stored = await client.GetFromJsonAsync<DeviceListResponse>("/api/v1/devices", Ct);
        Assert.Empty(stored!.Items);
    }

    [Fact]
    public async Task MalformedJson_Returns400Problem()
    {
        var content = new StringContent("{\"deviceType\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await api.ClientFor("json-user").PutAsync("/api/v1/devices/tv-1", content, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await api.ClientFor("route-user").GetAsync("/api/v1/no-such-thing", Ct);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MissingResource_Returns404ProblemWithDetail()
    {
        var response = await api.ClientFor("nf-user").PostAsync("/api/v1/devices/ghost/heartbeat", null, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("ghost", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnhandledException_Returns500WithoutInternals()
    {
        var devices = Substitute.For<IDeviceStore>();
        devices.ListAsync(Arg.Any<UserRef>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("connection string Password=hunter2"));
        using var failing = api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddScoped(_ => devices)));
        var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = api.ClientFor("boom").DefaultRequestHeaders.Authorization;

        var response = await client.GetAsync("/api/v1/devices", Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("hunter2", problem.GetRawText());
        Assert.False(problem.TryGetProperty("detail", out _));
    }
}
