using System.Collections.Concurrent;
using System.Net;
using MediaGateway.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>A Postgres outage is logged once when it starts and once when it ends, not with a stack trace per 503.</summary>
public sealed class OutageLoggingTests(OutageLoggingTests.LoggedApi api) : IClassFixture<OutageLoggingTests.LoggedApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public sealed class LoggedApi : HealthTests.ProxiedApiFactory
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging
                .AddProvider(new CapturingProvider(Entries))
                .AddFilter<CapturingProvider>(null, LogLevel.Debug));
        }
    }

    [Fact]
    public async Task PostgresOutage_IsLoggedOncePerStateChange_WithACount_AndTracesOnlyAtDebug()
    {
        const int requests = 12;
        var client = api.ClientFor("outage-user");
        (await client.GetAsync("/api/v1/watchlist", Ct)).EnsureSuccessStatusCode();
        api.PostgresProxy.Stop();
        var before = api.Entries.Count;

        for (var i = 0; i < requests; i++)
        {
            using var response = await client.GetAsync("/api/v1/watchlist", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var duringOutage = api.Entries.Skip(before).ToList();
        api.PostgresProxy.Start();
        Assert.True(await Eventually.TrueAsync(async () => (await client.GetAsync("/api/v1/watchlist", Ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), Ct));

        var traced = duringOutage.Where(e => e.Level >= LogLevel.Warning && e.Exception is not null).ToList();
        Assert.True(traced.Count == 0, string.Join("\n", traced.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
        var outageWarnings = duringOutage.Where(e => e.Level == LogLevel.Warning && e.Category.EndsWith("DependencyOutageLog", StringComparison.Ordinal)).ToList();
        Assert.Single(outageWarnings);
        Assert.Equal(requests, duringOutage.Count(e => e.Level == LogLevel.Debug && e.Exception is not null && e.Category.EndsWith("DependencyOutageLog", StringComparison.Ordinal)));

        // No 503 for the quiet period: the end of the outage is logged once, with the count.
        Assert.True(await Eventually.TrueAsync(
            () => Task.FromResult(api.Entries.Any(e => e.Message.StartsWith("Dependencies answer again", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), Ct), "the end of the outage was not logged");
        var recovered = api.Entries.Single(e => e.Message.StartsWith("Dependencies answer again", StringComparison.Ordinal));
        Assert.StartsWith($"Dependencies answer again: {requests} requests were answered 503", recovered.Message, StringComparison.Ordinal);
    }

    private sealed class CapturingProvider(ConcurrentQueue<Entry> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
