using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Playback progress updates become HOT (ADR 7): no index on user_progress covers a column an ordinary write
    /// changes, and pages keep room for the new row version. Adding the stored column rewrites the table once.
    /// </summary>
    public partial class ProgressHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_progress_deleted",
                table: "user_progress");

            migrationBuilder.DropIndex(
                name: "idx_progress_user_change",
                table: "user_progress");

            migrationBuilder.AlterTable(
                name: "user_progress")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.AddColumn<bool>(
                name: "is_deleted",
                table: "user_progress",
                type: "boolean",
                nullable: false,
                computedColumnSql: "position_seconds IS NULL",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "idx_progress_deleted",
                table: "user_progress",
                columns: new[] { "tenant_id", "user_id" },
                filter: "is_deleted");

            migrationBuilder.Sql(CleanupDeletedProgress("is_deleted"));
        }

        // The operators' whole-database collection finds its users through the tombstone index.
        private static string CleanupDeletedProgress(string deleted) => $$"""
            CREATE OR REPLACE FUNCTION cleanup_deleted_progress_entries(p_retention interval DEFAULT interval '30 days') RETURNS integer
            LANGUAGE sql AS $$
                SELECT COALESCE(sum((cleanup_user_tombstones(u.tenant_id, u.user_id, p_retention)).progress_removed), 0)::integer
                FROM (SELECT DISTINCT tenant_id, user_id FROM user_progress WHERE {{deleted}} ORDER BY 1, 2) u
            $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CleanupDeletedProgress("position_seconds IS NULL"));

            migrationBuilder.DropIndex(
                name: "idx_progress_deleted",
                table: "user_progress");

            migrationBuilder.DropColumn(
                name: "is_deleted",
                table: "user_progress");

            migrationBuilder.AlterTable(
                name: "user_progress")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "idx_progress_deleted",
                table: "user_progress",
                columns: new[] { "tenant_id", "user_id" },
                filter: "position_seconds IS NULL");

            migrationBuilder.CreateIndex(
                name: "idx_progress_user_change",
                table: "user_progress",
                columns: new[] { "tenant_id", "user_id", "change_seq" });
        }
    }
}
