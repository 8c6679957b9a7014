using FluentValidation;
using MediaGateway.Application.Sync;
using MediaGateway.Domain.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaGateway.Application;

public static class DependencyInjection
{
    /// <summary>Registers the Application layer's validators. Mediator itself is wired in the Api (its generator runs there).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Messages name fields as clients send them ('positionSeconds'), not as C# does ('Position Seconds').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EntityResolution.EntityResolver>();
        // SyncOptions are bound from configuration by the host (Infrastructure); defaults apply otherwise.
        // One clock per user (UserClocks): a device's stamps move only its own user's clock.
        services.AddSingleton(sp => new UserClocks(
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SyncOptions>>().Value.MaxClockDriftSeconds)));
        return services;
    }
}
