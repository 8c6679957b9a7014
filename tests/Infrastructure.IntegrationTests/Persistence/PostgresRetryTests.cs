using MediaGateway.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.IntegrationTests.Persistence;

public sealed class PostgresRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Polly.ResiliencePipeline Retry(DatabaseOptions options) =>
        new PostgresRetry(Options.Create(options), TestMetrics.Create(), NullLogger<PostgresRetry>.Instance).Pipeline;

    [Fact]
    public async Task Retry_RidesOutAServerThatComesBackWithinTheBackoff()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        target.Host = "127.0.0.1";
        target.Port = proxy.Port;
        target.Pooling = false;
        proxy.Stop();
        var retry = Retry(new DatabaseOptions { MaxRetries = 3, RetryBaseDelayMilliseconds = 300 });
        var attempts = 0;

        var result = await retry.ExecuteAsync(async ct =>
        {
            if (++attempts == 2)
            {
                proxy.Start();   // the server is back before the second retry
            }

            await using var connection = new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 42", connection);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        }, Ct);

        Assert.Equal(42, result);
        Assert.InRange(attempts, 2, 3);
    }

    [Fact]
    public async Task Retry_GivesUpAfterMaxRetries()
    {
        await using var proxy = new TcpProxy("127.0.0.1", 1);   // nothing listens on port 1
        proxy.Stop();
        var retry = Retry(new DatabaseOptions { MaxRetries = 3, RetryBaseDelayMilliseconds = 10 });
        var attempts = 0;

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await retry.ExecuteAsync(async ct =>
        {
            attempts++;
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={proxy.Port};Pooling=false;Username=x;Password=x");
            await connection.OpenAsync(ct);
        }, Ct));

        Assert.Equal(4, attempts);
    }
}
