using MediaGateway.Application.Sync.Progress;
using Microsoft.AspNetCore.Hosting;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>The resume rules come from configuration (section "Sync"), not from the defaults (5 %, 90 %, 300 s).</summary>
public sealed class ResumeSettingsTests(ResumeSettingsTests.CustomRulesApiFactory api) : IClassFixture<ResumeSettingsTests.CustomRulesApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class CustomRulesApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Set("Sync:CompletedPercent", "70");
            Set("Sync:MinResumePercent", "20");
            Set("Sync:MinResumeDurationSeconds", "60");
            base.ConfigureWebHost(builder);
        }
    }

    [Fact]
    public async Task ContinueWatchingAndCompleted_FollowTheConfiguredRules()
    {
        var tv = api.ClientFor("custom-rules");
        tv.DefaultRequestHeaders.Add("X-Device-Id", "tv");
        // Each title lands differently under the defaults: 75 % is in progress there, 15 % is resumable there,
        // and a 100 s clip is too short there.
        await tv.PutAsJsonAsync("/api/v1/progress/at-75", new { positionSeconds = 4500, durationSeconds = 6000, state = "paused" }, Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/at-15", new { positionSeconds = 900, durationSeconds = 6000, state = "paused" }, Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/short-50", new { positionSeconds = 50, durationSeconds = 100, state = "paused" }, Ct);
        await tv.PutAsJsonAsync("/api/v1/progress/at-50", new { positionSeconds = 3000, durationSeconds = 6000, state = "paused" }, Ct);

        var inProgress = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress?status=in-progress", Ct);
        var completed = await tv.GetFromJsonAsync<ProgressListDto>("/api/v1/progress?status=completed", Ct);
        var at75 = await tv.GetFromJsonAsync<ProgressItemDto>("/api/v1/progress/at-75", Ct);

        Assert.Equal(["at-50", "short-50"], inProgress!.Items.Select(i => i.ContentId));
        Assert.Equal(["at-75"], completed!.Items.Select(i => i.ContentId));
        Assert.True(at75!.Completed);
    }
}
