using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using MediaGateway.Infrastructure.Platform.Postgres;

namespace MediaGateway.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build the model without starting the API. No database is needed to add a migration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MediaGatewayDbContext>
{
    public MediaGatewayDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? "Host=127.0.0.1;Port=5433;Database=mediagateway;Username=mediagateway;Password=mediagateway";
        var builder = new DbContextOptionsBuilder<MediaGatewayDbContext>();
        DbContextSetup.Configure(builder, connectionString, new DatabaseOptions());
        return new MediaGatewayDbContext(builder.Options);
    }
}
