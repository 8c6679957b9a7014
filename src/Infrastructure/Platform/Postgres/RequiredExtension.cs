namespace MediaGateway.Infrastructure.Platform.Postgres;

/// <summary>A Postgres extension the migrations create, and what to tell an operator whose server lacks it.</summary>
public sealed record RequiredExtension(string Name, string InstallHint)
{
    public static readonly RequiredExtension Pgvector = new(
        "vector",
        "pgvector is not installed on this PostgreSQL server, and MediaGateway stores embeddings in vector(512) columns. " +
        "Install it, then start again: on Debian 12 run `scripts/infra.sh up` (it builds pgvector 0.8.0 from Debian's source " +
        "package); on other systems install your distribution's pgvector package (for example postgresql-15-pgvector) or build it " +
        "from https://github.com/pgvector/pgvector; with Docker use the pgvector/pgvector:pg17 image (docker-compose.yml does).");

    public static readonly RequiredExtension Trigram = new(
        "pg_trgm",
        "pg_trgm is not available on this PostgreSQL server. It ships with PostgreSQL's contrib modules: install the " +
        "postgresql-contrib package of your distribution (Debian's postgresql-15 includes it).");

    public static readonly IReadOnlyList<RequiredExtension> All = [Pgvector, Trigram];
}

/// <summary>Start-up or migration stopped because the server lacks an extension; the message says how to install it.</summary>
public sealed class MissingExtensionException(RequiredExtension extension)
    : Exception($"PostgreSQL extension '{extension.Name}' is not available. {extension.InstallHint}")
{
    public RequiredExtension Extension { get; } = extension;
}
