using System.Net;
using System.Text.Json;
using MediaGateway.Application.Devices;

namespace MediaGateway.Api.IntegrationTests.Devices;

public sealed class DeviceEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Tv(string name = "Living room") =>
        new { deviceType = "TV", platform = "Tizen", appVersion = "5.2.0", deviceName = name, capabilities = new { hdr = true, maxResolution = "4K" } };

    [Fact]
    public async Task Register_New_Returns201_ThenUpdate_Returns200()
    {
        var client = api.ClientFor("reg-user");

        var created = await client.PutAsJsonAsync("/api/v1/devices/tv-1", Tv(), Ct);
        var updated = await client.PutAsJsonAsync("/api/v1/devices/tv-1", Tv("Bedroom"), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/devices/tv-1", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var list = await client.GetFromJsonAsync<DeviceListResponse>("/api/v1/devices", Ct);
        var device = Assert.Single(list!.Items);
        Assert.Equal(("Bedroom", "TV", true, "4K"),
            (device.DeviceName, device.DeviceType, device.Online, device.Capabilities.GetProperty("maxResolution").GetString()));
    }

    [Fact]
    public async Task Devices_AreScopedToUserAndTenant()
    {
        await api.ClientFor("shared-id", "tenant-a").PutAsJsonAsync("/api/v1/devices/phone", Tv(), Ct);
        await api.ClientFor("other-user", "tenant-a").PutAsJsonAsync("/api/v1/devices/tablet", Tv(), Ct);

        var sameUserOtherTenant = api.ClientFor("shared-id", "tenant-b");
        var listed = await sameUserOtherTenant.GetFromJsonAsync<DeviceListResponse>("/api/v1/devices", Ct);
        var deleted = await sameUserOtherTenant.DeleteAsync("/api/v1/devices/phone", Ct);
        var heartbeat = await api.ClientFor("other-user", "tenant-a").PostAsync("/api/v1/devices/phone/heartbeat", null, Ct);

        Assert.Empty(listed!.Items);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, heartbeat.StatusCode);
        var owner = await api.ClientFor("shared-id", "tenant-a").GetFromJsonAsync<DeviceListResponse>("/api/v1/devices", Ct);
        Assert.Equal("phone", Assert.Single(owner!.Items).DeviceId);
    }

    [Fact]
    public async Task Heartbeat_MovesLastSeenForward()
    {
        var client = api.ClientFor("hb-user");
        var registered = await (await client.PutAsJsonAsync("/api/v1/devices/web", Tv(), Ct)).Content.ReadFromJsonAsync<DeviceDto>(Ct);

        var beat = await client.PostAsync("/api/v1/devices/web/heartbeat", null, Ct);

        var after = await beat.Content.ReadFromJsonAsync<DeviceDto>(Ct);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        Assert.True(after!.LastSeen >= registered!.LastSeen);
        Assert.True(after.Online);
    }

    [Fact]
    public async Task Delete_RemovesDevice_ThenSecondDeleteIs404()
    {
        var client = api.ClientFor("del-user");
        await client.PutAsJsonAsync("/api/v1/devices/desk", Tv(), Ct);

        var first = await client.DeleteAsync("/api/v1/devices/desk", Ct);
        var second = await client.DeleteAsync("/api/v1/devices/desk", Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await second.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"deviceType\":\"TV\",\"capabilities\":[1,2]}", "capabilities")]
    [InlineData("{\"platform\":\"Tizen\"}", "deviceType")]
    [InlineData("{\"deviceType\":\"1\"}", "deviceType")]
    public async Task Register_BadBody_Returns400NamingField(string json, string field)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = await api.ClientFor("bad-user").PutAsync("/api/v1/devices/x", content, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out JsonElement _), problem.GetRawText());
    }

    [Fact]
    public async Task Register_DeviceIdOver255Characters_Returns400()
    {
        var response = await api.ClientFor("long-user").PutAsJsonAsync($"/api/v1/devices/{new string('d', 256)}", Tv(), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("deviceId", out _));
    }
}
