using System.Net;
using System.Text;
using MediaGateway.Api.Endpoints;
using MediaGateway.Api.Security;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// The statuses every operation of a kind declares (docs/api-contract.md), provoked on every operation the document
/// lists, so a new endpoint is covered without a test of its own: 401 without a token, 403 without the role, and
/// for a body 400 (unreadable), 413 (too large) and 415 (not JSON; stated in the description, not per operation);
/// 400 for invalid parameters.
/// </summary>
public sealed class OperationStatusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A value each parameter refuses (too long, not printable ASCII, not one of the names, out of range).</summary>
    private static readonly Dictionary<string, string> InvalidValues = new(StringComparer.Ordinal)
    {
        ["deviceId"] = new string('d', 256),
        ["contentId"] = new string('c', 256),
        ["X-Device-Id"] = new string('x', 256),
        ["status"] = "unknown",
        ["type"] = "netflix",
        ["limit"] = "1000",
        ["window"] = "1y",
        ["kind"] = "podcast",
    };

    [Fact]
    public async Task EveryOperationThatIsNotAnonymous_Answers401WithoutAToken()
    {
        var operations = (await DocumentOperation.AllAsync(api.CreateClient())).Where(o => o.Declares(401)).ToList();

        var failures = await SendEachAsync(operations, api.CreateClient(), o => o.Request(), HttpStatusCode.Unauthorized);

        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryOperationForARole_Answers403ToACallerWithoutIt()
    {
        var operations = (await DocumentOperation.AllAsync(api.CreateClient())).Where(o => o.Declares(403)).ToList();

        var failures = await SendEachAsync(operations, api.ClientFor("no-role"), o => o.Request(), HttpStatusCode.Forbidden);

        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryOperationWithABody_Answers400ToUnreadableJson_413AboveItsLimit_And415ToAnotherMediaType()
    {
        var operations = (await DocumentOperation.AllAsync(api.CreateClient())).Where(o => o.HasBody).ToList();
        var client = Privileged();
        var aboveEveryLimit = Encoding.UTF8.GetBytes(new string(' ', (int)Math.Max(BodyLimits.CatalogIngest, BodyLimits.ResolveBatch) + 1));

        var failures = new List<string>();
        failures.AddRange(await SendEachAsync(operations, client, o => o.Request(DocumentOperation.Bytes("{"u8.ToArray(), "application/json")), HttpStatusCode.BadRequest));
        failures.AddRange(await SendEachAsync(operations, client, o => o.Request(DocumentOperation.Bytes(aboveEveryLimit, "application/json")), HttpStatusCode.RequestEntityTooLarge));
        failures.AddRange(await SendEachAsync(operations, client, o => o.Request(DocumentOperation.Bytes("x"u8.ToArray(), "text/plain")), HttpStatusCode.UnsupportedMediaType));

        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryOperationWithParametersThatDeclares400_Answers400ToInvalidOnes()
    {
        var operations = (await DocumentOperation.AllAsync(api.CreateClient()))
            .Where(o => o.Declares(400) && !o.HasBody && o.Operation.TryGetProperty("parameters", out _)).ToList();

        var failures = await SendEachAsync(operations, Privileged(),
            o => o.Request(parameterValue: name => InvalidValues.GetValueOrDefault(name) ?? (name == "entityId" ? Guid.Empty.ToString() : "x")),
            HttpStatusCode.BadRequest);

        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private HttpClient Privileged() => api.ClientFor("contract-user", "tenant-a", Roles.Admin, Roles.Ingest);

    /// <summary>Sends one request per operation; returns what did not answer <paramref name="expected"/> as a ProblemDetails.</summary>
    internal static async Task<List<string>> SendEachAsync(
        IEnumerable<DocumentOperation> operations, HttpClient client, Func<DocumentOperation, HttpRequestMessage> request, HttpStatusCode expected)
    {
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            using var message = request(operation);
            using var response = await client.SendAsync(message, Ct);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != expected || contentType != "application/problem+json")
            {
                var body = await response.Content.ReadAsStringAsync(Ct);
                failures.Add($"{operation}: expected {(int)expected} problem+json, got {(int)response.StatusCode} {contentType}: {body[..Math.Min(300, body.Length)]}");
            }
        }

        return failures;
    }
}
