using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EnableExtensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:vector", ",,");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF does not drop extensions on its own; rolling back to zero must leave none behind.
            migrationBuilder.Sql("DROP EXTENSION IF EXISTS pg_trgm;");
            migrationBuilder.Sql("DROP EXTENSION IF EXISTS vector;");
        }
    }
}
