using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>The checker itself, on a small document: it must catch both kinds of drift.</summary>
public sealed class ContractCheckTests
{
    private static readonly JsonElement Document = JsonDocument.Parse("""
        {"paths": {"/items/{id}": {
          "get": {"operationId": "GetItem", "responses": {"200": {}, "404": {}, "503": {}}},
          "parameters": []}}}
        """).RootElement;

    [Fact]
    public void AStatusTheDocumentDoesNotDeclare_IsReported()
    {
        Observation[] observed = [new("GET", "/items/{id:guid}", "GetItem", 200), new("GET", "/items/{id:guid}", "GetItem", 409)];

        var undeclared = ContractCheck.Undeclared(Document, observed);

        Assert.Equal(["GetItem (GET /items/{id:guid}) answered 409, which the document does not declare"], undeclared);
    }

    [Fact]
    public void AnEndpointWithoutName_AndA500_AreReportedAndIgnoredRespectively()
    {
        Observation[] observed = [new("GET", "/other", null, 200), new("GET", "/items/{id:guid}", "GetItem", 500)];

        var undeclared = ContractCheck.Undeclared(Document, observed);

        Assert.Equal(["GET /other has no name (WithName), so no operationId to check 200 against"], undeclared);
    }

    [Fact]
    public void ADeclaredErrorStatusNoTestReceived_IsReported_UnlessAllowedWithAReason()
    {
        Observation[] observed = [new("GET", "/items/{id:guid}", "GetItem", 404)];

        var never = ContractCheck.NeverExercised(Document, observed, new Dictionary<(string, int), string>());
        var allowed = ContractCheck.NeverExercised(Document, observed, new Dictionary<(string, int), string> { [("GetItem", 503)] = "reason" });

        Assert.Equal(["GetItem (GET /items/{id}) declares 503, but no test received it"], never);
        Assert.Empty(allowed);
    }
}
