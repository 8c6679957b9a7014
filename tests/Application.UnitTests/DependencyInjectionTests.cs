using FluentValidation;
using MediaGateway.Application.Devices;
using MediaGateway.Application.EntityResolution;
using MediaGateway.Application.Sync;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests;

/// <summary>What <see cref="DependencyInjection.AddApplication"/> gives a host: validators, the clocks, the resolver, and field names as clients send them.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddApplication_RegistersTheValidators_TheSystemClock_TheResolver_AndOneClockPerUserWithTheConfiguredDrift()
    {
        using var provider = WithApplication(services => services
            .AddSingleton(Substitute.For<IEntityStore>())
            .AddSingleton(Options.Create(new EntityResolutionOptions()))
            .AddSingleton(Options.Create(new SyncOptions { MaxClockDriftSeconds = 7 })));

        Assert.IsType<RegisterDeviceValidator>(provider.GetRequiredService<IValidator<RegisterDeviceCommand>>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<EntityResolver>(), provider.GetRequiredService<EntityResolver>());
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<UserClocks>().MaxClockDrift);
    }

    [Fact]
    public void AddApplication_NamesFieldsInMessagesAsClientsSendThem()
    {
        var previous = ValidatorOptions.Global.DisplayNameResolver;
        Func<Type, System.Reflection.MemberInfo, System.Linq.Expressions.LambdaExpression, string> resolver;
        try
        {
            WithApplication(_ => { }).Dispose();
            resolver = ValidatorOptions.Global.DisplayNameResolver;
        }
        finally
        {
            ValidatorOptions.Global.DisplayNameResolver = previous;   // the setting is process-wide: other tests keep theirs
        }

        Assert.Equal("deviceName", resolver(typeof(RegisterDeviceCommand), typeof(RegisterDeviceCommand).GetProperty(nameof(RegisterDeviceCommand.DeviceName))!, null!));
        Assert.Null(resolver(typeof(RegisterDeviceCommand), null!, null!));   // a rule on no member keeps FluentValidation's own name
    }

    private static ServiceProvider WithApplication(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddApplication();
        configure(services);
        return services.BuildServiceProvider();
    }
}
