using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PreferenceVectorRefreshedInBackground : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "preference_stale",
                table: "user_profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "idx_user_profiles_preference_stale",
                table: "user_profiles",
                columns: new[] { "tenant_id", "user_id" },
                filter: "preference_stale");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_user_profiles_preference_stale",
                table: "user_profiles");

            migrationBuilder.DropColumn(
                name: "preference_stale",
                table: "user_profiles");
        }
    }
}
