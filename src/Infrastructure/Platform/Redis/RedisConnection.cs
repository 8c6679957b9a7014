using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace MediaGateway.Infrastructure.Platform.Redis;

public static class RedisConnection
{
    public const string ConnectionStringName = "Redis";

    /// <summary>
    /// Connects without failing when Redis is down (AbortOnConnectFail off): the multiplexer keeps reconnecting
    /// in the background, and calls fail fast until it is back.
    /// </summary>
    public static IConnectionMultiplexer Connect(IConfiguration configuration, RedisOptions options)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Redis is not set. Run `scripts/infra.sh up` (it prints the connection strings) " +
                "or set the environment variable ConnectionStrings__Redis.");
        }

        var config = ConfigurationOptions.Parse(raw);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMilliseconds;
        config.SyncTimeout = options.OperationTimeoutMilliseconds;
        config.AsyncTimeout = options.OperationTimeoutMilliseconds;
        config.ConnectRetry = 1;
        config.ClientName ??= "media-gateway";
        return ConnectionMultiplexer.Connect(config);
    }
}
