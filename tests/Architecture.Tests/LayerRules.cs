using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace MediaGateway.Architecture.Tests;

/// <summary>The dependency rule, stated once and checked against compiled assemblies and project files.</summary>
internal static class LayerRules
{
    public static readonly Assembly Domain = typeof(Domain.Identity.UserRef).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Api.MediaGatewayApp).Assembly;

    /// <summary>Every production layer.</summary>
    public static readonly Assembly[] Production = [Domain, Application, Infrastructure, Api];

    /// <summary>Assemblies a layer may reference, by name prefix; the runtime's own are always allowed.</summary>
    public static readonly string[] RuntimePrefixes = ["System", "netstandard", "mscorlib", "Microsoft.CSharp"];

    public static readonly string[] ApplicationMayUse =
    [
        "MediaGateway.Domain", "Mediator", "FluentValidation",
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives",
    ];

    /// <summary>
    /// HTTP's namespaces, and one type: ASP.NET Core, its header names, HttpClient and friends, HttpStatusCode.
    /// Application states outcomes and fields in its own words; Api turns them into statuses and headers.
    /// </summary>
    public static readonly string[] HttpNamespaces =
        ["Microsoft.AspNetCore", "Microsoft.Net.Http.Headers", "System.Net.Http", "System.Net.HttpStatusCode"];

    /// <summary>Assemblies that only HTTP code needs, by name prefix.</summary>
    public static readonly string[] HttpAssemblies = ["Microsoft.AspNetCore", "Microsoft.Net.Http.Headers", "System.Net.Http"];

    /// <summary>
    /// Types of <paramref name="assembly"/> in <paramref name="inNamespace"/> that use a type from
    /// <see cref="HttpNamespaces"/> in a signature, a method body or an attribute. Constants such as
    /// <c>StatusCodes.Status404NotFound</c> compile to plain numbers and leave no trace; their types do.
    /// </summary>
    public static IReadOnlyList<string> TypesUsingHttp(Assembly assembly, string inNamespace) =>
        Types.InAssembly(assembly).That().ResideInNamespace(inNamespace)
            .ShouldNot().HaveDependencyOnAny(HttpNamespaces)
            .GetResult().FailingTypeNames?.Order().ToList() ?? [];

    /// <summary>Assemblies from <see cref="HttpAssemblies"/> that <paramref name="assembly"/> references (uses a type or member of).</summary>
    public static IReadOnlyList<string> HttpReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => HttpAssemblies.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .Order()
            .ToList();

    /// <summary>Referenced assembly names that are neither the runtime's nor in <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly, params string[] allowed) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !RuntimePrefixes.Concat(allowed).Any(prefix =>
                name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .Order()
            .ToList();

    /// <summary>
    /// Static fields and properties of <paramref name="types"/> that hold a <see cref="Meter"/> (or a type derived from
    /// it), as "Type.Member". A static meter is one per process: every container (each test's, each host's) shares
    /// its instruments, so a test reads other tests' measurements, and no container disposes it. Meters come from
    /// the container's <see cref="IMeterFactory"/> (see MediaGatewayMetrics).
    /// </summary>
    public static IReadOnlyList<string> StaticMeters(IEnumerable<Type> types)
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        static bool IsMeter(Type type) => type.IsAssignableTo(typeof(Meter));

        return types
            .SelectMany(type =>
                type.GetFields(statics)
                    // an auto-property's backing field is reported as the property
                    .Where(f => IsMeter(f.FieldType) && !f.IsDefined(typeof(CompilerGeneratedAttribute)))
                    .Select(f => $"{type.FullName}.{f.Name}")
                    .Concat(type.GetProperties(statics).Where(p => IsMeter(p.PropertyType)).Select(p => $"{type.FullName}.{p.Name}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static XDocument ProjectFile(string layer)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", layer, $"{layer}.csproj");
            if (File.Exists(path))
            {
                return XDocument.Load(path);
            }
        }

        throw new FileNotFoundException($"src/{layer}/{layer}.csproj not found above {AppContext.BaseDirectory}");
    }

    public static IReadOnlyList<string> References(XDocument project, string kind) =>
        project.Descendants(kind).Select(e => e.Attribute("Include")?.Value ?? "?").ToList();
}
