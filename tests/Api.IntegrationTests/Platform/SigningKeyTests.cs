using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MediaGateway.Api.IntegrationTests.Platform;

public sealed class SigningKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    public void Startup_OutsideDevelopment_WithoutAProperKey_Fails(string key)
    {
        using var production = api.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
                new Dictionary<string, string?> { ["Auth:SigningKey"] = key })));

        var error = Assert.Throws<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains("Auth:SigningKey", error.Message);
    }
}
