using System.Net;
using System.Text;
using MediaGateway.Api.IntegrationTests.Contract;
using MediaGateway.Application.Devices;
using MediaGateway.Domain.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace MediaGateway.Api.IntegrationTests.Platform;

/// <summary>
/// Every bad input is a 4xx that names what is wrong and changes nothing (docs/api-rules.md): text Postgres cannot
/// store, missing required fields, null list items, JSON that is not strict, and bodies above an endpoint's limit.
/// "Changes nothing" is checked on every table of the database, not only the endpoint's own.
/// </summary>
public sealed class BadInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long Now => TimeProvider.System.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds();

    /// <summary>A sync request with one operation: its fields, and a valid clock reading unless <paramref name="hlc"/> says otherwise.</summary>
    private static string SyncWith(string fields, string? hlc = null) =>
        "{\"deviceId\":\"tv\",\"cursor\":null,\"operations\":[{" + fields + ",\"hlc\":" + (hlc ?? "{\"physicalMs\":" + Now + ",\"logical\":0}") + "}]}";

    private const string WatchlistAdd = "\"type\":\"watchlist.add\",\"contentId\":\"film\",\"tag\":\"t1\"";

    private static string Entity(string fields) => "{\"entities\":[{\"kind\":\"movie\",\"title\":\"Heat\"," + fields + "}]}";

    /// <summary>Where each stored string travels: method, path, body with <c>{0}</c> for the text, the field an error must name.</summary>
    private static readonly (string Method, string Path, string Body, string Field)[] StoredStrings =
    [
        ("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","deviceName":"a{0}b"}""", "deviceName"),
        ("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","platform":"a{0}b"}""", "platform"),
        ("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","appVersion":"a{0}b"}""", "appVersion"),
        ("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","capabilities":{"hdr":"a{0}b"}}""", "capabilities"),
        ("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","capabilities":{"a{0}b":true}}""", "capabilities"),
        ("POST", "/api/v1/watchlist/items", """{"contentId":"a{0}b"}""", "contentId"),
        ("POST", "/api/v1/sync", SyncWith("\"type\":\"watchlist.add\",\"contentId\":\"a{0}b\",\"tag\":\"t1\""), "operations[0].contentId"),
        ("POST", "/api/v1/sync", SyncWith("\"type\":\"watchlist.add\",\"contentId\":\"film\",\"tag\":\"a{0}b\""), "operations[0].tag"),
        ("POST", "/api/v1/sync", SyncWith("\"type\":\"watchlist.remove\",\"contentId\":\"film\",\"tags\":[\"a{0}b\"]"), "operations[0].tags[0]"),
        ("POST", "/api/v1/sync", SyncWith("\"type\":\"progress.set\",\"contentId\":\"a{0}b\",\"positionSeconds\":1,\"durationSeconds\":60,\"state\":\"paused\""), "operations[0].contentId"),
        ("PUT", "/api/v1/catalog/entities", """{"entities":[{"kind":"movie","title":"a{0}b"}]}""", "entities[0].title"),
        ("PUT", "/api/v1/catalog/entities", Entity("\"description\":\"a{0}b\""), "entities[0].description"),
        ("PUT", "/api/v1/catalog/entities", Entity("\"genres\":[\"a{0}b\"]"), "entities[0].genres[0]"),
        ("PUT", "/api/v1/catalog/entities", Entity("\"metadata\":{\"studio\":\"a{0}b\"}"), "entities[0].metadata"),
        ("POST", "/api/v1/entities/resolve", """{"externalIds":[{"type":"imdb","value":"tt0113277"}],"title":"a{0}b","kind":"movie"}""", "title"),
        ("POST", "/api/v1/entities/resolve/batch", """{"items":[{"externalIds":[{"type":"imdb","value":"tt0113277"}],"title":"a{0}b","kind":"movie"}]}""", "items[0].title"),
        ("POST", "/api/v1/interactions", """{"entityId":"0193c3a5-0000-7000-8000-000000000001","type":"view","eventId":"a{0}b"}""", "eventId"),
        ("POST", "/api/v1/interactions/batch", """{"interactions":[{"entityId":"0193c3a5-0000-7000-8000-000000000001","type":"view","eventId":"a{0}b"}]}""", "interactions[0].eventId"),
    ];

    // As a client writes them in JSON: a NUL, and a high surrogate with no low one after it.
    public static TheoryData<string, string, string, string> UnstorableText()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var escape in (string[])[@"\u0000", @"\ud800"])
        {
            foreach (var (method, path, body, field) in StoredStrings)
            {
                data.Add(method, path, body.Replace("{0}", escape, StringComparison.Ordinal), field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnstorableText))]
    public async Task NulOrLoneSurrogate_InAnyStoredString_Is400NamingTheField_AndChangesNothing(
        string method, string path, string body, string field)
    {
        var before = await CountRowsAsync();

        var response = await SendAsync(method, path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await CountRowsAsync());
    }

    public static TheoryData<string, string, string, string> MissingRequiredFields() => new()
    {
        { "PUT", "/api/v1/progress/movie", """{"durationSeconds":6000,"state":"paused"}""", "positionSeconds" },
        { "PUT", "/api/v1/progress/movie", """{"positionSeconds":600,"state":"paused"}""", "durationSeconds" },
        { "PUT", "/api/v1/progress/movie", """{"positionSeconds":600,"durationSeconds":6000}""", "state" },
        { "POST", "/api/v1/sync", SyncWith(WatchlistAdd, hlc: "{}"), "operations[0].hlc" },
        { "POST", "/api/v1/sync", SyncWith(WatchlistAdd, hlc: "{\"physicalMs\":" + Now + "}"), "operations[0].hlc" },
        { "POST", "/api/v1/sync", SyncWith(WatchlistAdd, hlc: "{\"logical\":0}"), "operations[0].hlc" },
    };

    [Theory]
    [MemberData(nameof(MissingRequiredFields))]
    public async Task MissingRequiredField_Is400NamingIt_AndChangesNothing(string method, string path, string body, string field)
    {
        var before = await CountRowsAsync();

        var response = await SendAsync(method, path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await CountRowsAsync());
    }

    public static TheoryData<string, string, string, string> NullListItems() => new()
    {
        { "POST", "/api/v1/sync", """{"deviceId":"tv","cursor":null,"operations":[null]}""", "operations[0]" },
        { "PUT", "/api/v1/catalog/entities", """{"entities":[null]}""", "entities[0]" },
        { "POST", "/api/v1/entities/resolve/batch", """{"items":[null]}""", "items[0]" },
        { "POST", "/api/v1/entities/resolve", """{"externalIds":[null],"title":"Heat","kind":"movie"}""", "externalIds[0]" },
        { "POST", "/api/v1/interactions/batch", """{"interactions":[null]}""", "interactions[0]" },
    };

    [Theory]
    [MemberData(nameof(NullListItems))]
    public async Task NullItemInAList_Is400NamingTheItem(string method, string path, string body, string field)
    {
        var before = await CountRowsAsync();

        var response = await SendAsync(method, path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await CountRowsAsync());
    }

    public static TheoryData<string, string, string, string> NotStrictJson() => new()
    {
        { "PUT", "/api/v1/progress/movie", """{"positionSeconds":"600","durationSeconds":6000,"state":"paused"}""", "positionSeconds" },
        { "PUT", "/api/v1/progress/movie", """{"positionSeconds":600,"durationSeconds":6000,"state":"paused","positionSeconds":0}""", "positionSeconds" },
        { "PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","capabilities":{"hdr":true,"hdr":false}}""", "capabilities" },
        { "POST", "/api/v1/sync", SyncWith(WatchlistAdd, hlc: "{\"physicalMs\":\"" + Now + "\",\"logical\":0}"), "operations[0].hlc.physicalMs" },
        { "POST", "/api/v1/watchlist/items", """{"contentId":"film","contentId":"other"}""", "contentId" },
        { "PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV","deviceName":"a\ud800"}""", "deviceName" },
    };

    [Theory]
    [MemberData(nameof(NotStrictJson))]
    public async Task JsonThatIsNotStrict_Is400NamingWhere_AndChangesNothing(string method, string path, string body, string field)
    {
        var before = await CountRowsAsync();

        var response = await SendAsync(method, path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.DoesNotContain("System.", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task UnknownFields_AreIgnored()
    {
        var response = await SendAsync("PUT", "/api/v1/progress/unknown-fields",
            """{"positionSeconds":600,"durationSeconds":6000,"state":"paused","volume":11}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/devices/tv-1", """{"deviceType":"TV"}""", 1)]
    [InlineData("POST", "/api/v1/interactions/batch", """{"interactions":[]}""", 1)]
    [InlineData("POST", "/api/v1/sync", """{"deviceId":"tv","cursor":null,"operations":[]}""", 4)]
    [InlineData("PUT", "/api/v1/catalog/entities", """{"entities":[]}""", 16)]
    [InlineData("POST", "/api/v1/entities/resolve/batch", """{"items":[]}""", 16)]
    public async Task BodyAboveTheEndpointsLimit_Is413Problem_AndOneBelowIsRead(string method, string path, string json, int megabytes)
    {
        var limit = megabytes * 1024 * 1024;
        var before = await CountRowsAsync();

        var above = await SendAsync(method, path, Padded(json, limit + 1));
        var afterAbove = await CountRowsAsync();
        var below = await SendAsync(method, path, Padded(json, limit));

        await above.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, afterAbove);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, below.StatusCode);
    }

    /// <summary>The JSON followed by spaces up to <paramref name="bytes"/> bytes: still valid JSON.</summary>
    private static string Padded(string json, int bytes) => json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));

    [Theory]
    [InlineData("22021", HttpStatusCode.BadRequest)]    // invalid byte sequence (a NUL in text)
    [InlineData("22P05", HttpStatusCode.BadRequest)]    // an escape jsonb cannot hold
    [InlineData("22003", HttpStatusCode.BadRequest)]    // a number out of range
    [InlineData("57P01", HttpStatusCode.ServiceUnavailable)]   // the server is shutting down
    [InlineData("08006", HttpStatusCode.ServiceUnavailable)]   // the connection failed
    [InlineData("53300", HttpStatusCode.ServiceUnavailable)]   // too many connections
    [InlineData("42P01", HttpStatusCode.InternalServerError)]  // our own bug: a table that does not exist
    public async Task PostgresError_OnlyConnectionFailuresAre503_DataErrorsAre400WithoutSql(string sqlState, HttpStatusCode status)
    {
        using var failing = DeviceStoreFailingWith(new PostgresException("relation \"user_devices\" secret detail", "ERROR", "ERROR", sqlState));

        var response = await ApiFactory.Authorize(failing.CreateClient(), "db-failure").GetAsync("/api/v1/devices", Ct);

        var problem = await response.ReadProblemAsync(status);
        Assert.DoesNotContain("user_devices", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkFailureToPostgres_Is503()
    {
        using var failing = DeviceStoreFailingWith(new NpgsqlException("Exception while reading from stream", new IOException("connection reset")));

        var response = await ApiFactory.Authorize(failing.CreateClient(), "db-failure").GetAsync("/api/v1/devices", Ct);

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    private WebApplicationFactory<Program> DeviceStoreFailingWith(Exception error)
    {
        var devices = Substitute.For<IDeviceStore>();
        devices.ListAsync(Arg.Any<UserRef>(), Arg.Any<CancellationToken>()).ThrowsAsync(error);
        return api.WithWebHostBuilder(builder => builder.NotRecorded().ConfigureTestServices(services => services.AddScoped(_ => devices)));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? json)
    {
        var client = api.ClientFor("bad-input", "tenant-a", "ingest");
        client.DefaultRequestHeaders.Add("X-Device-Id", "tv");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>Rows in every table of the test database: a rejected request adds none anywhere.</summary>
    private async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(api.PostgresConnectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync(Ct))!;
        }

        return counts;
    }
}
