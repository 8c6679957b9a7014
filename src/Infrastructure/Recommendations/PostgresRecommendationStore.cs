using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;
using MediaGateway.Infrastructure.Platform.Caching;
using MediaGateway.Infrastructure.Platform.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using Polly;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>
/// Nearest-title search inside one tenant: exact for a tenant of at most
/// <see cref="VectorSearchOptions.ExactSearchMaxTitles"/> titles, else the HNSW index with pgvector's iterative
/// scans (set for the query's transaction only), so a filter that drops most of what the index yields (another
/// tenant's titles, a kind, a genre) still fills the list. Trending lists and tenant sizes come through the
/// platform's tiered cache.
/// </summary>
internal sealed class PostgresRecommendationStore(
    NpgsqlDataSource dataSource, PostgresRetry retry, TieredCache<CatalogSize> sizes, TieredCache<List<TrendingTitle>> lists,
    IOptions<VectorSearchOptions> options) : IRecommendationStore
{
    public const string SizeCacheName = "catalog-sizes";
    public const string ListCacheName = "title-lists";

    private readonly ResiliencePipeline _retry = retry.Pipeline;

    public Task<UserTaste> GetTasteAsync(UserRef user, string modelId, int recentSignals, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(UserCommand(RecommendationSql.Taste, user, modelId));
            var recent = UserCommand(RecommendationSql.RecentSignals, user, modelId);
            recent.Parameters.AddValue(recentSignals);
            batch.BatchCommands.Add(recent);
            var excluded = new NpgsqlBatchCommand(RecommendationSql.Excluded);
            excluded.Parameters.AddUser(user);
            batch.BatchCommands.Add(excluded);

            await using var reader = await batch.ExecuteReaderAsync(ct);
            float[]? vector = null;
            var count = 0;
            if (await reader.ReadAsync(ct))
            {
                vector = reader.IsDBNull(0) ? null : reader.GetFieldValue<Vector>(0).ToArray();
                count = reader.GetInt32(1);
            }

            await reader.NextResultAsync(ct);
            var signals = new List<TasteSignal>(recentSignals);
            while (await reader.ReadAsync(ct))
            {
                signals.Add(new TasteSignal(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<Vector>(2).ToArray()));
            }

            await reader.NextResultAsync(ct);
            var exclude = new HashSet<Guid>();
            while (await reader.ReadAsync(ct))
            {
                exclude.Add(reader.GetGuid(0));
            }

            return new UserTaste(vector, count, signals, exclude);
        }, cancellationToken).AsTask();

    public async Task<IReadOnlyList<NearTitle>> FindNearestAsync(
        string tenantId, string modelId, float[] vector, TitleFilter filter, IReadOnlyCollection<Guid> exclude, int count,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var size = await sizes.GetOrCreateAsync(tenantId, modelId, async ct => new CatalogSize(await CountTitlesAsync(tenantId, modelId, ct)),
            new CacheEntry(TimeSpan.FromSeconds(settings.CacheSeconds), TimeSpan.FromSeconds(settings.CacheSeconds)), cancellationToken);
        var exact = size.Titles <= settings.ExactSearchMaxTitles;
        return await _retry.ExecuteAsync<IReadOnlyList<NearTitle>>(async ct =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (!exact)
            {
                var scan = new NpgsqlBatchCommand(RecommendationSql.IterativeScan);
                scan.Parameters.AddValue(Math.Max(settings.EfSearch, count).ToString(System.Globalization.CultureInfo.InvariantCulture));
                scan.Parameters.AddValue(settings.MaxScanTuples.ToString(System.Globalization.CultureInfo.InvariantCulture));
                scan.Parameters.AddValue(settings.IterativeScan);
                batch.BatchCommands.Add(scan);
            }

            var nearest = new NpgsqlBatchCommand(exact ? RecommendationSql.NearestExact : RecommendationSql.NearestApproximate);
            nearest.Parameters.AddValue(tenantId);
            nearest.Parameters.AddValue(modelId);
            nearest.Parameters.AddValue(new Vector(vector));
            AddFilter(nearest.Parameters, filter);
            nearest.Parameters.AddArray(NpgsqlDbType.Uuid, exclude.ToArray());
            nearest.Parameters.AddValue(count);
            batch.BatchCommands.Add(nearest);

            var titles = new List<NearTitle>(count);
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                if (!exact)
                {
                    await reader.NextResultAsync(ct);
                }

                while (await reader.ReadAsync(ct))
                {
                    titles.Add(new NearTitle(reader.GetGuid(0), reader.GetString(1), CatalogNames.Kinds.Parse(reader.GetString(2)),
                        reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetFieldValue<Vector>(4).ToArray(), reader.GetDouble(5)));
                }
            }

            await transaction.CommitAsync(ct);
            // A relaxed-order iterative scan may return neighbours slightly out of order.
            return titles.OrderBy(t => t.Distance).ThenBy(t => t.EntityId).ToList();
        }, cancellationToken);
    }

    public Task<NearTitle?> GetTitleAsync(string tenantId, string modelId, Guid entityId, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(RecommendationSql.Title);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(entityId);
            command.Parameters.AddValue(modelId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new NearTitle(reader.GetGuid(0), reader.GetString(1), CatalogNames.Kinds.Parse(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<Vector>(4).ToArray(), 0)
                : null;
        }, cancellationToken).AsTask();

    public async Task<IReadOnlyList<TrendingTitle>> GetTrendingAsync(
        string tenantId, TrendingWindow window, TitleFilter filter, int count, CancellationToken cancellationToken) =>
        await CachedListAsync(tenantId, $"trending:{TrendingWindows.Names.Of(window)}", filter, count, RecommendationSql.Trending,
            TrendingWindows.Names.Of(window), cancellationToken);

    public async Task<IReadOnlyList<TrendingTitle>> GetNewestAsync(
        string tenantId, string modelId, TitleFilter filter, int count, CancellationToken cancellationToken)
    {
        var newest = await CachedListAsync(tenantId, $"newest:{modelId}", filter, count, RecommendationSql.Newest, modelId, cancellationToken);
        // A cached empty list would hide a new tenant's first titles for the cache's lifetime, and cold-start lists
        // would stay empty while the catalog has titles: an empty answer is read again.
        return newest.Count > 0 ? newest : await ReadListAsync(tenantId, filter, count, RecommendationSql.Newest, modelId, cancellationToken);
    }

    /// <summary>A list shared by every user of the tenant, cached for <see cref="VectorSearchOptions.CacheSeconds"/>.</summary>
    private async Task<List<TrendingTitle>> CachedListAsync(
        string tenantId, string list, TitleFilter filter, int count, string sql, string firstParameter, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        var kind = filter.Kind is { } k ? CatalogNames.Of(k) : "";
        var key = $"{list}:{kind}:{filter.Genre}:{count}";
        return await lists.GetOrCreateAsync(tenantId, key, ct => new ValueTask<List<TrendingTitle>>(
            ReadListAsync(tenantId, filter, count, sql, firstParameter, ct)), new CacheEntry(seconds, seconds), cancellationToken);
    }

    private Task<List<TrendingTitle>> ReadListAsync(
        string tenantId, TitleFilter filter, int count, string sql, string firstParameter, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(firstParameter);
            AddFilter(command.Parameters, filter);
            command.Parameters.AddValue(count);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var titles = new List<TrendingTitle>(count);
            while (await reader.ReadAsync(ct))
            {
                titles.Add(new TrendingTitle(reader.GetGuid(0), reader.GetString(1), CatalogNames.Kinds.Parse(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetDouble(4)));
            }

            return titles;
        }, cancellationToken).AsTask();

    private async Task<int> CountTitlesAsync(string tenantId, string modelId, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand(RecommendationSql.CountTitles);
            command.Parameters.AddValue(tenantId);
            command.Parameters.AddValue(modelId);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        }, cancellationToken);

    private static void AddFilter(NpgsqlParameterCollection parameters, TitleFilter filter)
    {
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = filter.Kind is { } kind ? CatalogNames.Of(kind) : DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)filter.Genre ?? DBNull.Value });
    }

    private static NpgsqlBatchCommand UserCommand(string sql, UserRef user, string modelId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddUser(user);
        command.Parameters.AddValue(modelId);
        return command;
    }
}

/// <summary>How many titles of a model a tenant has; cached per tenant and model.</summary>
public sealed record CatalogSize(int Titles);
