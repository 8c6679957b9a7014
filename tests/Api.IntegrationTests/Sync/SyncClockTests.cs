using System.Net;
using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>The server's hybrid logical clock is per user: one user's devices cannot break or move another's stamps.</summary>
public sealed class SyncClockTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long Now => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task StampFarAheadWithMaxCounter_IsRejected_AndNoStampMovesAnotherUsersClock()
    {
        var attacker = api.ClientFor("clock-attacker", "tenant-evil");
        var victim = api.ClientFor("clock-victim", "tenant-good");
        var ahead = Now + 55_000;

        var overflow = await SyncAsync(attacker, "evil-tv", ahead, int.MaxValue);
        var withinBounds = await SyncAsync(attacker, "evil-tv", ahead, 1_000_000);
        var victimFirst = await SyncAsync(victim, "good-tv", physicalMs: null, logical: 0);
        var victimServerHlc = (await victimFirst.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("serverHlc");
        // The victim's device echoes serverHlc, as a hybrid logical clock does.
        var echo = await SyncAsync(victim, "good-tv",
            victimServerHlc.GetProperty("physicalMs").GetInt64(), victimServerHlc.GetProperty("logical").GetInt32() + 1);

        var problem = await overflow.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("operations[0].hlc.logical", out _), problem.GetRawText());
        Assert.Equal(HttpStatusCode.OK, withinBounds.StatusCode);
        var attackerHlc = (await withinBounds.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("serverHlc");
        Assert.True(attackerHlc.GetProperty("physicalMs").GetInt64() > ahead);               // the attacker's own clock moved on...
        Assert.InRange(attackerHlc.GetProperty("logical").GetInt32(), 0, 1_000_000);         // ...without overflowing
        Assert.Equal(HttpStatusCode.OK, victimFirst.StatusCode);
        Assert.InRange(victimServerHlc.GetProperty("physicalMs").GetInt64(), ahead - 55_000, ahead - 25_000);   // the victim's did not
        Assert.InRange(victimServerHlc.GetProperty("logical").GetInt32(), 0, 1_000);
        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
    }

    private async Task<HttpResponseMessage> SyncAsync(HttpClient client, string deviceId, long? physicalMs, int logical) =>
        await client.PostAsJsonAsync("/api/v1/sync", new
        {
            deviceId,
            cursor = (string?)null,
            operations = new[]
            {
                new { type = "watchlist.add", contentId = "film", tag = $"{deviceId}-{Guid.NewGuid():N}", hlc = new { physicalMs = physicalMs ?? Now, logical } },
            },
        }, Ct);
}
