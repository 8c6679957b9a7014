using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sync_cursors",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    device_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    cursor = table.Column<long>(type: "bigint", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_cursors", x => new { x.tenant_id, x.user_id, x.device_id });
                });

            migrationBuilder.CreateTable(
                name: "sync_heads",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    pruned_through = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_heads", x => new { x.tenant_id, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "user_progress",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    position_seconds = table.Column<int>(type: "integer", nullable: true),
                    duration_seconds = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    hlc_physical = table.Column<long>(type: "bigint", nullable: false),
                    hlc_logical = table.Column<int>(type: "integer", nullable: false),
                    device_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, collation: "C"),
                    completed = table.Column<bool>(type: "boolean", nullable: false),
                    completed_physical = table.Column<long>(type: "bigint", nullable: true),
                    completed_logical = table.Column<int>(type: "integer", nullable: true),
                    completed_device = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    change_seq = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_progress", x => new { x.tenant_id, x.user_id, x.content_id });
                    table.CheckConstraint("ck_user_progress_duration", "duration_seconds IS NULL OR duration_seconds > 0");
                    table.CheckConstraint("ck_user_progress_position", "position_seconds IS NULL OR (position_seconds >= 0 AND position_seconds <= duration_seconds)");
                    table.CheckConstraint("ck_user_progress_state", "state IS NULL OR state IN ('playing', 'paused', 'stopped')");
                });

            migrationBuilder.CreateTable(
                name: "user_watchlists",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    unique_tag = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    added_physical = table.Column<long>(type: "bigint", nullable: true),
                    added_logical = table.Column<int>(type: "integer", nullable: true),
                    added_device = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    is_removed = table.Column<bool>(type: "boolean", nullable: false),
                    removed_physical = table.Column<long>(type: "bigint", nullable: true),
                    removed_logical = table.Column<int>(type: "integer", nullable: true),
                    removed_device = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true, collation: "C"),
                    change_seq = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_watchlists", x => new { x.tenant_id, x.user_id, x.unique_tag });
                });

            migrationBuilder.CreateIndex(
                name: "idx_progress_content",
                table: "user_progress",
                columns: new[] { "tenant_id", "content_id" });

            migrationBuilder.CreateIndex(
                name: "idx_progress_deleted",
                table: "user_progress",
                columns: new[] { "tenant_id", "user_id" },
                filter: "position_seconds IS NULL");

            migrationBuilder.CreateIndex(
                name: "idx_progress_user_change",
                table: "user_progress",
                columns: new[] { "tenant_id", "user_id", "change_seq" });

            migrationBuilder.CreateIndex(
                name: "idx_watchlists_removed",
                table: "user_watchlists",
                columns: new[] { "tenant_id", "user_id", "change_seq" },
                filter: "is_removed");

            migrationBuilder.CreateIndex(
                name: "idx_watchlists_user_change",
                table: "user_watchlists",
                columns: new[] { "tenant_id", "user_id", "change_seq" });

            migrationBuilder.CreateIndex(
                name: "idx_watchlists_user_content",
                table: "user_watchlists",
                columns: new[] { "tenant_id", "user_id", "content_id" },
                filter: "NOT is_removed");

            migrationBuilder.Sql(SyncSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SyncSql.Down);

            migrationBuilder.DropTable(
                name: "sync_cursors");

            migrationBuilder.DropTable(
                name: "sync_heads");

            migrationBuilder.DropTable(
                name: "user_progress");

            migrationBuilder.DropTable(
                name: "user_watchlists");
        }
    }
}
