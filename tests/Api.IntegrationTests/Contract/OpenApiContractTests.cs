using System.Text.Json;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(MediaGateway.Api.IntegrationTests.Contract.ContractCollectionLast))]

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// The contract test must see the responses of every other test. xunit v3 runs collections that disable
/// parallelization only after all parallel collections have finished (XunitTestAssemblyRunner), and
/// <see cref="ContractCollectionLast"/> puts this one last among those, also when the whole run is sequential.
/// An assembly fixture's DisposeAsync would run late enough too, but its failure is a cleanup error, not a named test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContractCollection
{
    public const string Name = "OpenAPI contract (after every other test)";
}

/// <summary>The default order, with the contract collection moved to the end.</summary>
public sealed class ContractCollectionLast : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(collection => collection.TestCollectionDisplayName == ContractCollection.Name)
            .ToList();
}

/// <summary>
/// /openapi/v1.json is what apps and partner feeds generate clients from (docs/api-contract.md): every status a test
/// received must be declared there, and every error status declared there must be received by some test.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class OpenApiContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Declared error statuses no test provokes, each with the reason. Keep it short.</summary>
    private static readonly Dictionary<(string OperationId, int Status), string> NotExercised = new()
    {
        [("ResolveBatch", 409)] = "only when concurrent writers win three optimistic attempts in a row (EntityResolver); " +
            "not provoked deterministically. The same answer of Resolve is tested (an entity conflict).",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryStatusATestReceived_IsDeclaredInTheDocument()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var observed = ObservedResponses.All;
        // For whoever reads a failure: everything this run saw, next to the test binaries.
        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "openapi-observed.txt"),
            observed.Select(o => $"{o.OperationId}\t{o.Method} {o.Route}\t{o.Status}").Order(StringComparer.Ordinal), Ct);

        var undeclared = ContractCheck.Undeclared(document, observed);

        Assert.True(undeclared.Count == 0, "Declare these in the endpoint mapping (docs/api-contract.md):\n" + string.Join('\n', undeclared));
    }

    [Fact]
    public async Task EveryDeclaredErrorStatus_IsReceivedBySomeTest()
    {
        var notRun = TestsRunAttribute.NotRun(except: typeof(OpenApiContractTests));
        Assert.SkipWhen(notRun.Count > 0,
            $"Only a full run of this assembly shows which declared statuses no test exercises ({notRun.Count} tests did not run, e.g. {notRun.FirstOrDefault()}).");
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var neverExercised = ContractCheck.NeverExercised(document, ObservedResponses.All, NotExercised);

        Assert.True(neverExercised.Count == 0, "Add a test that provokes each, or drop the declaration:\n" + string.Join('\n', neverExercised));
    }
}
