using Microsoft.EntityFrameworkCore;
using MediaGateway.Infrastructure.Devices;
using MediaGateway.Infrastructure.EntityResolution;
using MediaGateway.Infrastructure.Recommendations;

namespace MediaGateway.Infrastructure.Persistence;

/// <summary>
/// The service's one database. Add a migration from the repository root with:
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Infrastructure --output-dir Persistence/Migrations</c>
/// (the design-time factory means this never boots the API).
/// </summary>
public sealed class MediaGatewayDbContext(DbContextOptions<MediaGatewayDbContext> options) : DbContext(options)
{
    public DbSet<DeviceRow> Devices => Set<DeviceRow>();

    public DbSet<EntityRow> Entities => Set<EntityRow>();

    public DbSet<EntityMappingRow> EntityMappings => Set<EntityMappingRow>();

    public DbSet<EntityChangeRow> EntityChanges => Set<EntityChangeRow>();

    public DbSet<InteractionRow> Interactions => Set<InteractionRow>();

    public DbSet<UserProfileRow> UserProfiles => Set<UserProfileRow>();

    public DbSet<TrendingEntityRow> TrendingEntities => Set<TrendingEntityRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MediaGatewayDbContext).Assembly);
    }
}
