using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Application;

public static class DependencyInjection
{
    /// <summary>Registers the Application layer's validators. Mediator itself is wired in the Api (its generator runs there).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
