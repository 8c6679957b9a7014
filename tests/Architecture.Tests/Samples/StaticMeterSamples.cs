using System.Diagnostics.Metrics;

namespace MediaGateway.Architecture.Tests.Samples;

// Where a production type must not keep its meter, so the static-meter rule can be seen to fail. Only the rule tests use these.

/// <summary>The classic: a meter in a static readonly field, shared by every container in the process.</summary>
internal static class StaticFieldMeter
{
    private static readonly Meter Meter = new("sample.field");

    public static Counter<long> Requests { get; } = Meter.CreateCounter<long>("requests");
}

/// <summary>A static auto-property (its compiler-made backing field is the property, not a second finding).</summary>
internal sealed class StaticPropertyMeter
{
    public static Meter Shared { get; } = new("sample.property");
}

/// <summary>A meter of a derived type, in a nested generic type.</summary>
internal static class MeterOuter
{
    internal sealed class DerivedMeter() : Meter("sample.derived");

    internal static class Holder<T>
    {
        internal static readonly DerivedMeter Derived = new();

        public static string Name => typeof(T).Name + Derived.Name;
    }
}

/// <summary>Done right: the meter comes from the container's IMeterFactory and lives in an instance field. The rule must leave it alone.</summary>
internal sealed class MeterFromFactory(IMeterFactory meterFactory)
{
    private readonly Meter _meter = meterFactory.Create("sample.factory");

    public static string MeterName => "sample.factory";

    public Counter<long> Requests() => _meter.CreateCounter<long>("requests");
}
