using System.Reflection;
using System.Xml.Linq;

namespace MediaGateway.Architecture.Tests;

/// <summary>The dependency rule, stated once and checked against compiled assemblies and project files.</summary>
internal static class LayerRules
{
    public static readonly Assembly Domain = typeof(Domain.Identity.UserRef).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Api.MediaGatewayApp).Assembly;

    /// <summary>Assemblies a layer may reference, by name prefix; the runtime's own are always allowed.</summary>
    public static readonly string[] RuntimePrefixes = ["System", "netstandard", "mscorlib", "Microsoft.CSharp"];

    public static readonly string[] ApplicationMayUse =
    [
        "MediaGateway.Domain", "Mediator", "FluentValidation",
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives",
    ];

    /// <summary>Referenced assembly names that are neither the runtime's nor in <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> ForbiddenReferences(Assembly assembly, params string[] allowed) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !RuntimePrefixes.Concat(allowed).Any(prefix =>
                name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .Order()
            .ToList();

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
