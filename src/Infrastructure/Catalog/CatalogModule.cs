using MediaGateway.Application.Catalog;
using MediaGateway.Infrastructure.Catalog.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaGateway.Infrastructure.Catalog;

public static class CatalogModule
{
    /// <summary>The catalog's titles in Postgres and the embedding model that fills their vectors.</summary>
    public static IServiceCollection AddCatalogInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ICatalogStore, PostgresCatalogStore>();
        return services.AddEmbeddings(configuration);
    }
}
