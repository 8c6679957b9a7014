using System.Collections.Concurrent;
using System.Reflection;
using Xunit.v3;

[assembly: MediaGateway.Api.IntegrationTests.Contract.TestsRun]

namespace MediaGateway.Api.IntegrationTests.Contract;

/// <summary>
/// Records which test methods ran, so the contract test can tell a full run from a filtered one: "a declared status
/// was never exercised" only means something when every test ran.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestsRunAttribute : BeforeAfterTestAttribute
{
    private static readonly ConcurrentDictionary<string, byte> Ran = new();

    public override void Before(MethodInfo methodUnderTest, IXunitTest test) =>
        Ran.TryAdd(NameOf(methodUnderTest.ReflectedType!, methodUnderTest), 0);

    /// <summary>The test methods of this assembly (outside <paramref name="except"/>) that did not run in this process.</summary>
    public static IReadOnlyList<string> NotRun(Type except) =>
        typeof(TestsRunAttribute).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type != except)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(method => method.GetCustomAttribute<FactAttribute>() is { Skip: null, Explicit: false })
                .Select(method => NameOf(type, method)))
            .Where(name => !Ran.ContainsKey(name))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string NameOf(Type type, MethodInfo method) => $"{type.FullName}.{method.Name}";
}
