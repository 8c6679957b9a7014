using MediaGateway.Infrastructure.Persistence;
using MediaGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.IntegrationTests.Persistence;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_GoUpListAndDownToZero_OnARealDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();

        var fresh = await migrator.ReadAsync(Ct);
        var up = await migrator.MigrateAsync(null, Ct);
        var tableAfterUp = await database.ScalarAsync<string>("SELECT to_regclass('user_devices')::text");
        var viewsAfterUp = await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_views WHERE viewname IN ('effective_watchlists','in_progress_content','completed_content','online_devices_summary')");
        var extensionsAfterUp = await database.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname IN ('vector','pg_trgm')");
        var down = await migrator.MigrateAsync("0", Ct);

        Assert.Null(fresh.CurrentMigration);
        Assert.Equal(fresh.PendingMigrations, up.AppliedMigrations);
        Assert.Empty(up.PendingMigrations);
        Assert.Equal("user_devices", tableAfterUp);
        Assert.Equal(2L, extensionsAfterUp);
        Assert.Equal(4L, viewsAfterUp);
        Assert.Empty(down.AppliedMigrations);
        Assert.Null(await database.ScalarAsync<string>("SELECT to_regclass('user_devices')::text"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname IN ('vector','pg_trgm')"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_proc WHERE proname LIKE 'cleanup_%' OR proname = 'sync_take_seq'"));
    }

    [Fact]
    public async Task MigrateTo_AnEarlierMigration_RunsDownOnlyAboveIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();

        var status = await migrator.MigrateAsync("EnableExtensions", Ct);

        Assert.EndsWith("_EnableExtensions", status.CurrentMigration);
        Assert.Equal(["_AddUserDevices", "_AddSync", "_AddEntityResolution", "_EntitySearchPlans", "_ProgressHotUpdates", "_ChunkedTombstoneCollection", "_AddRecommendations", "_TasteMeanBesideIndexedPreference", "_PreferenceVectorRefreshedInBackground", "_BoundedTitleCandidates", "_EntityMergeAndSplit"], status.PendingMigrations.Select(m => m[m.IndexOf('_')..]));
        Assert.Null(await database.ScalarAsync<string>("SELECT to_regclass('user_devices')::text"));
        Assert.Null(await database.ScalarAsync<string>("SELECT to_regclass('entity_mappings')::text"));
        Assert.Null(await database.ScalarAsync<string>("SELECT to_regclass('entities')::text"));
        Assert.Equal("vector", await database.ScalarAsync<string>("SELECT extname::text FROM pg_extension WHERE extname = 'vector'"));
    }

    [Fact]
    public async Task Recommendations_GoUpAndDown_LeavingTheCatalogOfEntityResolution()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        const string Tables = "SELECT string_agg(t, ',' ORDER BY t) FROM unnest(ARRAY['interactions', 'user_profiles', 'trending_entities']) AS t WHERE to_regclass(t) IS NOT NULL";
        const string CatalogColumns = "SELECT string_agg(column_name::text, ',' ORDER BY column_name) FROM information_schema.columns " +
            "WHERE table_name = 'entities' AND column_name IN ('genres', 'description', 'metadata', 'embedding_model')";

        await migrator.MigrateAsync(null, Ct);
        var tablesUp = await database.ScalarAsync<string>(Tables);
        var columnsUp = await database.ScalarAsync<string>(CatalogColumns);
        var hnswUp = await database.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_user_profiles_preference_hnsw'");
        await migrator.MigrateAsync("ChunkedTombstoneCollection", Ct);

        Assert.Equal("interactions,trending_entities,user_profiles", tablesUp);
        Assert.Equal("description,embedding_model,genres,metadata", columnsUp);
        Assert.Contains("hnsw (preference_vector vector_cosine_ops)", hnswUp);
        Assert.Contains("m='16'", hnswUp);
        Assert.Contains("ef_construction='64'", hnswUp);
        Assert.Null(await database.ScalarAsync<string>(Tables));
        Assert.Null(await database.ScalarAsync<string>(CatalogColumns));
        Assert.Equal("entities", await database.ScalarAsync<string>("SELECT to_regclass('entities')::text"));
        Assert.NotNull(await database.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_entities_embedding_hnsw'"));
    }

    [Fact]
    public async Task MissingPgvector_FailsWithOneMessageSayingHowToInstallIt()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        // The server here has pgvector, so ask the real check for an extension name the server cannot have,
        // carrying pgvector's install hint: the query, the verdict and the message are the production ones.
        var absent = RequiredExtension.Pgvector with { Name = "vector_not_installed_here" };

        var error = await Assert.ThrowsAsync<MissingExtensionException>(() =>
            migrator.EnsureExtensionsAvailableAsync([RequiredExtension.Trigram, absent], Ct));

        Assert.StartsWith("PostgreSQL extension 'vector_not_installed_here' is not available.", error.Message);
        Assert.Contains("pgvector is not installed", error.Message);
        Assert.Contains("scripts/infra.sh up", error.Message);
        Assert.Contains("pgvector/pgvector", error.Message);
    }

    [Fact]
    public async Task ExtensionCheck_PassesWhenPgvectorAndTrigramAreAvailable()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureExtensionsAvailableAsync(RequiredExtension.All, Ct);
    }
}
