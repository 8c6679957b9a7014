using System.Text.Json;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>Compares what tests observed with what the OpenAPI document declares, per (operationId, status).</summary>
public static class ContractCheck
{
    /// <summary>
    /// 500 is never declared: it is a bug, not an answer a client can act on (the document's description says any
    /// operation may give one). Tests that force one on purpose (ProblemDetailsTests) are not a contract breach.
    /// </summary>
    private const int Bug = 500;

    public sealed record Declaration(string OperationId, string Method, string Path, int Status);

    public static IReadOnlyList<Declaration> Declarations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("responses", out _))
                .SelectMany(operation => operation.Value.GetProperty("responses").EnumerateObject()
                    .Where(response => int.TryParse(response.Name, out _))
                    .Select(response => new Declaration(
                        operation.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{operation.Name.ToUpperInvariant()} {path.Name}",
                        operation.Name.ToUpperInvariant(), path.Name, int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();

    /// <summary>Responses a test received that the document does not declare: a generated client has no type for them.</summary>
    public static IReadOnlyList<string> Undeclared(JsonElement document, IEnumerable<Observation> observed)
    {
        var declared = Declarations(document).Select(d => (d.OperationId, d.Status)).ToHashSet();
        return observed
            .Where(o => o.Status != Bug)
            .Where(o => o.OperationId is null || !declared.Contains((o.OperationId, o.Status)))
            .Select(o => o.OperationId is null
                ? $"{o.Method} {o.Route} has no name (WithName), so no operationId to check {o.Status} against"
                : $"{o.OperationId} ({o.Method} {o.Route}) answered {o.Status}, which the document does not declare")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Error statuses (4xx, 5xx) the document declares that no test provoked: either a test is missing, or the
    /// declaration is wrong. <paramref name="allowed"/> lists the exceptions, each with its reason.
    /// </summary>
    public static IReadOnlyList<string> NeverExercised(
        JsonElement document, IEnumerable<Observation> observed, IReadOnlyDictionary<(string OperationId, int Status), string> allowed)
    {
        var seen = observed.Where(o => o.OperationId is not null).Select(o => (o.OperationId!, o.Status)).ToHashSet();
        return Declarations(document)
            .Where(d => d.Status >= 400 && !seen.Contains((d.OperationId, d.Status)) && !allowed.ContainsKey((d.OperationId, d.Status)))
            .Select(d => $"{d.OperationId} ({d.Method} {d.Path}) declares {d.Status}, but no test received it")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
