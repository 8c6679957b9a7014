using System.Diagnostics;
using System.Net;
using MediaGateway.Infrastructure.Platform.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>
/// Redis hung (connections open, nothing answered): once the platform's circuit breaker has opened, entity lookups
/// and resolutions that miss L1 no longer wait on Redis and answer at Postgres speed.
/// </summary>
public sealed class RedisOutageTests(RedisOutageTests.SlowRedisApi api) : IClassFixture<RedisOutageTests.SlowRedisApi>
{
    // Long enough that waiting on Redis even once in the timed part could not go unnoticed; the break outlasts the test.
    private const int L2TimeoutMilliseconds = 2_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class SlowRedisApi : HealthTests.ProxiedApiFactory
    {
        public SlowRedisApi()
        {
            Set("Redis:OperationTimeoutMilliseconds", L2TimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set("Cache:L2TimeoutMilliseconds", L2TimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set("Cache:BreakSeconds", "3600");
        }
    }

    [Fact]
    public async Task RedisHung_AfterTheBreakerOpens_LookupsAndResolutionsDoNotWaitForRedis()
    {
        var viewer = api.ClientFor("viewer");
        var ingest = api.ClientFor("feed", "tenant-a", "ingest");
        var breaker = api.Services.GetRequiredService<RedisCircuitBreaker>();
        (await viewer.GetAsync("/api/v1/entities/lookup?type=imdb&value=tt0000001", Ct)).Dispose();   // Redis answers
        Assert.False(breaker.IsOpen);

        api.RedisProxy.Pause();
        for (var i = 0; !breaker.IsOpen; i++)
        {
            Assert.True(i < 10, "the circuit breaker never opened");
            (await viewer.GetAsync($"/api/v1/entities/lookup?type=imdb&value=tt01{i:00000}", Ct)).Dispose();
        }

        // Five lookups and two resolutions, each missing L1: together they must take less than one wait on Redis.
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < 5; i++)
        {
            using var lookup = await viewer.GetAsync($"/api/v1/entities/lookup?type=imdb&value=tt02{i:00000}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var resolve = await ingest.PostAsJsonAsync("/api/v1/entities/resolve",
                new { externalIds = new[] { new { type = "imdb", value = $"tt03{i:00000}" } }, title = $"Outage {i}", year = 2001, kind = "movie" }, Ct);
            Assert.Equal(HttpStatusCode.Created, resolve.StatusCode);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        api.RedisProxy.Resume();
        Assert.True(elapsed < TimeSpan.FromMilliseconds(L2TimeoutMilliseconds),
            $"7 requests took {elapsed.TotalMilliseconds:0} ms with the breaker open; one wait on Redis is {L2TimeoutMilliseconds} ms");
    }
}
