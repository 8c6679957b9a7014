using NetArchTest.Rules;
using Xunit;

namespace MediaGateway.Architecture.Tests;

public sealed class DependencyRuleTests
{
    [Fact]
    public void Domain_ReferencesOnlyTheRuntime()
    {
        Assert.Empty(LayerRules.ForbiddenReferences(LayerRules.Domain));
    }

    [Fact]
    public void DomainProject_HasNoPackageOrProjectReference()
    {
        var project = LayerRules.ProjectFile("Domain");

        Assert.Empty(LayerRules.References(project, "PackageReference"));
        Assert.Empty(LayerRules.References(project, "ProjectReference"));
    }

    [Fact]
    public void Application_ReferencesOnlyDomainMediatorValidationAndAbstractions()
    {
        Assert.Empty(LayerRules.ForbiddenReferences(LayerRules.Application, LayerRules.ApplicationMayUse));
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnApi()
    {
        var result = Types.InAssembly(LayerRules.Infrastructure).ShouldNot().HaveDependencyOn("MediaGateway.Api").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void InnerLayers_DoNotDependOnOuterOnes()
    {
        var domain = Types.InAssembly(LayerRules.Domain).ShouldNot()
            .HaveDependencyOnAny("MediaGateway.Application", "MediaGateway.Infrastructure", "MediaGateway.Api").GetResult();
        var application = Types.InAssembly(LayerRules.Application).ShouldNot()
            .HaveDependencyOnAny("MediaGateway.Infrastructure", "MediaGateway.Api", "Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis")
            .GetResult();

        Assert.True(domain.IsSuccessful, string.Join(", ", domain.FailingTypeNames ?? []));
        Assert.True(application.IsSuccessful, string.Join(", ", application.FailingTypeNames ?? []));
    }

    [Fact]
    public void Application_UsesNoHttpTypes()
    {
        Assert.Empty(LayerRules.TypesUsingHttp(LayerRules.Application, "MediaGateway.Application"));
        Assert.Empty(LayerRules.HttpReferences(LayerRules.Application));
    }

    // The rule runs over this test project's deliberately HTTP-aware samples and must name each one.
    [Fact]
    public void HttpRule_FlagsTypesThatUseHttp()
    {
        var samples = typeof(Samples.PlainResult).Namespace!;

        var flagged = LayerRules.TypesUsingHttp(typeof(LayerRules).Assembly, samples);

        Assert.Equal(
            new[] { nameof(Samples.HeaderCarryingCommand), nameof(Samples.IRequestForwardingPort), nameof(Samples.ResultReturningHandler), nameof(Samples.StatusCarryingResult) }
                .Select(name => $"{samples}.{name}"),
            flagged);
        Assert.Contains(LayerRules.HttpReferences(typeof(LayerRules).Assembly), name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    [Fact]
    public void ProductionLayers_KeepNoMeterInAStaticFieldOrProperty()
    {
        Assert.Empty(LayerRules.StaticMeters(LayerRules.Production.SelectMany(a => a.GetTypes())));
    }

    // The rule runs over this test project's samples and must name each static meter, and nothing else.
    [Fact]
    public void StaticMeterRule_FlagsEveryStaticMeter_AndLeavesFactoryMetersAlone()
    {
        var samples = typeof(Samples.MeterFromFactory).Namespace!;

        var flagged = LayerRules.StaticMeters(typeof(LayerRules).Assembly.GetTypes().Where(t => t.Namespace == samples));

        Assert.Equal(
            [
                $"{samples}.MeterOuter+Holder`1.Derived",
                $"{samples}.StaticFieldMeter.Meter",
                $"{samples}.StaticPropertyMeter.Shared",
            ],
            flagged);
    }

    // The rules must be able to fail: run each against a layer that breaks it (the KG suite's copy-paste bug
    // checked the wrong assembly and could never fail).
    [Fact]
    public void Rules_FlagALayerThatBreaksThem()
    {
        Assert.Contains("MediaGateway.Domain", LayerRules.ForbiddenReferences(LayerRules.Application));
        Assert.Contains("Microsoft.EntityFrameworkCore", LayerRules.ForbiddenReferences(LayerRules.Infrastructure, LayerRules.ApplicationMayUse));
        Assert.NotEmpty(LayerRules.References(LayerRules.ProjectFile("Application"), "PackageReference"));
        Assert.False(Types.InAssembly(LayerRules.Api).ShouldNot().HaveDependencyOn("MediaGateway.Infrastructure").GetResult().IsSuccessful);
    }
}
