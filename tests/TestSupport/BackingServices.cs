using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace MediaGateway.TestSupport;

/// <summary>
/// Where the tests find Postgres (with pgvector) and Redis, decided once per test process:
/// 1. MEDIAGATEWAY_TEST_POSTGRES / MEDIAGATEWAY_TEST_REDIS, which scripts/test.sh exports after `scripts/infra.sh up`;
/// 2. otherwise Testcontainers with pinned images, when a Docker engine answers;
/// 3. otherwise the test fails with a message naming the script. Nothing ever skips.
/// </summary>
public static class BackingServices
{
    public const string PostgresVariable = "MEDIAGATEWAY_TEST_POSTGRES";
    public const string RedisVariable = "MEDIAGATEWAY_TEST_REDIS";

    private static readonly Lazy<Task<Endpoints>> Shared = new(StartAsync);

    public sealed record Endpoints(string Postgres, string Redis);

    public static Task<Endpoints> GetAsync() => Shared.Value;

    private static async Task<Endpoints> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(redis))
        {
            return new Endpoints(postgres, redis);
        }

        try
        {
            var postgresContainer = new PostgreSqlBuilder("pgvector/pgvector:pg17").Build();
            var redisContainer = new RedisBuilder("redis:7-alpine").WithCommand("--appendonly", "yes").Build();
            await Task.WhenAll(postgresContainer.StartAsync(), redisContainer.StartAsync());
            return new Endpoints(postgresContainer.GetConnectionString(), redisContainer.GetConnectionString());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"No Postgres/Redis for the integration tests: {PostgresVariable} and {RedisVariable} are not set and " +
                "Testcontainers could not start containers (is a Docker engine running?). Run the tests with " +
                "`scripts/test.sh`, which starts local services with `scripts/infra.sh up` and exports both variables.",
                exception);
        }
    }
}
