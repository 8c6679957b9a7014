using MediaGateway.Application.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Infrastructure.Devices;

public static class DevicesModule
{
    public static IServiceCollection AddDevicesInfrastructure(this IServiceCollection services) =>
        services.AddScoped<IDeviceStore, PostgresDeviceStore>();
}
