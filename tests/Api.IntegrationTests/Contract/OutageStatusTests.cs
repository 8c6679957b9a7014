using System.Net;
using MediaGateway.Api.IntegrationTests.Platform;
using MediaGateway.Api.Security;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// Every operation that declares 503 answers it, with Retry-After, while Postgres is unreachable; and each sends a
/// valid request to get there, the example body of the document: a 400 here means an example no longer validates.
/// </summary>
public sealed class OutageStatusTests(HealthTests.ProxiedApiFactory api) : IClassFixture<HealthTests.ProxiedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryOperationThatDeclares503_AnswersItWithRetryAfter_WhilePostgresIsUnreachable()
    {
        var client = api.ClientFor("outage-contract", "tenant-a", Roles.Admin, Roles.Ingest);
        var operations = (await DocumentOperation.AllAsync(client)).Where(o => o.Declares(503)).ToList();
        var examplesMissing = operations.Where(o => o.HasBody && o.ExampleBody is null).ToList();

        api.PostgresProxy.Stop();
        List<string> failures;
        var withoutRetryAfter = new List<string>();
        try
        {
            failures = await OperationStatusTests.SendEachAsync(operations, client, o => o.Request(), HttpStatusCode.ServiceUnavailable);
            foreach (var operation in operations)
            {
                using var response = await client.SendAsync(operation.Request(), Ct);
                if (response.Headers.RetryAfter is null)
                {
                    withoutRetryAfter.Add(operation.ToString());
                }
            }
        }
        finally
        {
            api.PostgresProxy.Start();
        }

        Assert.True(examplesMissing.Count == 0, "Operations without an example body: " + string.Join(", ", examplesMissing));
        Assert.NotEmpty(operations);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(withoutRetryAfter.Count == 0, "503 without Retry-After: " + string.Join(", ", withoutRetryAfter));
    }
}
