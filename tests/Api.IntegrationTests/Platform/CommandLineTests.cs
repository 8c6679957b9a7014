using System.Diagnostics;
using System.Net.Http.Headers;
using MediaGateway.TestSupport;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>The `token` and `migrate` commands, run as real processes from the built API.</summary>
public sealed class CommandLineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_PrintsOnlyAToken_ThatTheApiAccepts()
    {
        var result = await RunApiAsync(new() { ["Auth__SigningKey"] = ApiFactory.SigningKey },
            "token", "--user", "cli-user", "--tenant", "cli-tenant", "--role", "admin");

        Assert.Equal(0, result.ExitCode);
        var token = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<CurrentUserResponse>("/api/v1/me", Ct);
        Assert.Equal(("cli-user", "cli-tenant", "admin"), (me!.UserId, me.TenantId, me.Roles.Single()));
    }

    [Fact]
    public async Task Migrate_AppliesListsAndRollsBackToZero()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var env = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database.ConnectionString };

        var before = await RunApiAsync(env, "migrate", "--list");
        var up = await RunApiAsync(env, "migrate");
        var after = await RunApiAsync(env, "migrate", "--list");
        var back = await RunApiAsync(env, "migrate", "--to", "EnableExtensions");
        var zero = await RunApiAsync(env, "migrate", "--to", "0");
        var unknown = await RunApiAsync(env, "migrate", "--to", "NoSuchMigration");

        Assert.Contains("pending  ", before.Stdout);
        Assert.Contains("current  (none)", before.Stdout);
        Assert.Equal(0, up.ExitCode);
        Assert.DoesNotContain("pending  ", after.Stdout);
        var applied = after.Stdout.Split('\n').Count(line => line.StartsWith("applied  ", StringComparison.Ordinal));
        Assert.True(applied >= 2, after.Stdout);
        Assert.Matches(@"current  \d+_\w+", after.Stdout);
        Assert.Contains($"_EnableExtensions; {applied - 1} pending", back.Stdout);
        Assert.Contains("database at (no migrations)", zero.Stdout);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname IN ('vector','pg_trgm')"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No migration named 'NoSuchMigration'", unknown.Stderr);
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

    private static async Task<ProcessResult> RunApiAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MediaGateway.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
