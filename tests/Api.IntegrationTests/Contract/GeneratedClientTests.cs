using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using MediaGateway.Api.Security;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// What a client developer does with /openapi/v1.json: generate a C# client (NSwag, its default Newtonsoft flavour),
/// compile it, and call the service. Errors must arrive as typed ProblemDetails, not as "unexpected status".
/// </summary>
public sealed class GeneratedClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GeneratedClient_Compiles_AndGetsTypedProblemDetails_ForA400AndA409()
    {
        var client = await GenerateClientAsync(api.ClientFor("generated-client", "tenant-a", Roles.Ingest));
        await Ingest().PostAsJsonAsync("/api/v1/entities/resolve", Resolution("Heat", "tt0900101"), Ct);
        await Ingest().PostAsJsonAsync("/api/v1/entities/resolve", Resolution("Ronin", "tt0900102"), Ct);

        var invalid = await CallAsync(client, "AddToWatchlistAsync", "tv-1", Body(client, "AddToWatchlistRequest", $$"""{"contentId": "{{new string('c', 300)}}"}"""));
        var conflict = await CallAsync(client, "ResolveAsync", Body(client, "ResolutionRequestDto",
            """{"externalIds": [{"type": "imdb", "value": "tt0900101"}, {"type": "imdb", "value": "tt0900102"}]}"""));

        Assert.Equal("HttpValidationProblemDetails", ProblemType(invalid).Name);
        dynamic validation = Problem(invalid);
        Assert.Equal(400, (int)validation.Status);
        Assert.Contains("contentId", ((IDictionary<string, ICollection<string>>)validation.Errors).Keys);
        Assert.False(string.IsNullOrEmpty((string)validation.TraceId));

        Assert.Equal("EntityIdsConflictProblem", ProblemType(conflict).Name);
        dynamic resolutionConflict = Problem(conflict);
        Assert.Equal(409, (int)resolutionConflict.Status);
        Assert.Equal(2, ((ICollection<Guid>)resolutionConflict.EntityIds).Count);
        Assert.False(string.IsNullOrEmpty((string)resolutionConflict.TraceId));
    }

    private HttpClient Ingest() => api.ClientFor("generated-client", "tenant-a", Roles.Ingest);

    private static object Resolution(string title, string imdb) =>
        new { externalIds = new[] { new { type = "imdb", value = imdb } }, title, year = 2005, kind = "movie" };

    /// <summary>Generates the client from the served document, compiles it with Roslyn and creates it over <paramref name="http"/>.</summary>
    private static async Task<object> GenerateClientAsync(HttpClient http)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await http.GetStringAsync("/openapi/v1.json", Ct), Ct);
        var settings = new CSharpClientGeneratorSettings { ClassName = "MediaGatewayClient", UseBaseUrl = false };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        // Every assembly this test process may load (its deps.json), Newtonsoft.Json included, as NSwag's code needs.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Generated.MediaGatewayClient", [CSharpSyntaxTree.ParseText(code, cancellationToken: Ct)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly, cancellationToken: Ct);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));

        assembly.Position = 0;
        var loaded = new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(assembly);
        return Activator.CreateInstance(loaded.GetType("Generated.MediaGatewayClient", throwOnError: true)!, http)!;
    }

    private static object Body(object client, string typeName, string json) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject(json, client.GetType().Assembly.GetType($"Generated.{typeName}", throwOnError: true)!)!;

    /// <summary>Calls the generated operation (the overload with a CancellationToken) and returns what it threw.</summary>
    private static async Task<Exception> CallAsync(object client, string method, params object[] arguments)
    {
        var operation = client.GetType().GetMethods().Single(m => m.Name == method && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));
        var thrown = await Record.ExceptionAsync(() => (Task)operation.Invoke(client, [.. arguments, Ct])!);
        return Assert.IsAssignableFrom<Exception>(thrown);
    }

    /// <summary>The T of the generated ApiException&lt;T&gt;: the operation's declared body for that status.</summary>
    private static Type ProblemType(Exception exception)
    {
        Assert.True(exception.GetType().IsGenericType, $"expected ApiException<T>, got {exception.GetType().Name}: {exception.Message}");
        return exception.GetType().GetGenericArguments()[0];
    }

    private static object Problem(Exception exception) => exception.GetType().GetProperty("Result")!.GetValue(exception)!;
}
