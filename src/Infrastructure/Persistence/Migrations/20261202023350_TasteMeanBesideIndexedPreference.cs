using Microsoft.EntityFrameworkCore.Migrations;
using Pgvector;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TasteMeanBesideIndexedPreference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "user_profiles")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AddColumn<Vector>(
                name: "taste_mean",
                table: "user_profiles",
                type: "vector(512)",
                nullable: true);

            // Until now the indexed vector was the exact taste.
            migrationBuilder.Sql("UPDATE user_profiles SET taste_mean = preference_vector");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "taste_mean",
                table: "user_profiles");

            migrationBuilder.AlterTable(
                name: "user_profiles")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);
        }
    }
}
