using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EntityMergeAndSplit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "merged_into",
                table: "entities",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "entity_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    other_entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    external_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    actor = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_changes", x => x.id);
                    table.CheckConstraint("ck_entity_changes_kind", "kind IN ('merge', 'split')");
                    table.ForeignKey(
                        name: "fk_entity_changes_entity",
                        columns: x => new { x.entity_id, x.tenant_id },
                        principalTable: "entities",
                        principalColumns: new[] { "id", "tenant_id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_entity_changes_other_entity",
                        columns: x => new { x.other_entity_id, x.tenant_id },
                        principalTable: "entities",
                        principalColumns: new[] { "id", "tenant_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_entities_merged_into",
                table: "entities",
                columns: new[] { "merged_into", "tenant_id" },
                filter: "merged_into IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_entities_not_merged_into_itself",
                table: "entities",
                sql: "merged_into <> id");

            migrationBuilder.CreateIndex(
                name: "idx_entity_changes_entity",
                table: "entity_changes",
                columns: new[] { "entity_id", "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_changes_other_entity",
                table: "entity_changes",
                columns: new[] { "other_entity_id", "tenant_id", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_entities_merged_into",
                table: "entities",
                columns: new[] { "merged_into", "tenant_id" },
                principalTable: "entities",
                principalColumns: new[] { "id", "tenant_id" },
                onDelete: ReferentialAction.Restrict);

            // No mapping may point at a redirect. A writer that chose a merged entity (from a cache copy older
            // than the merge, or a fuzzy match on its title) lands on the survivor instead. FOR KEY SHARE (the
            // lock the foreign key check takes anyway) waits for a merge of that entity under way and then reads
            // its outcome, so a write racing a merge cannot leave a mapping on the merged entity either.
            migrationBuilder.Sql("""
                CREATE FUNCTION entity_mappings_follow_merge() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    survivor uuid;
                BEGIN
                    SELECT e.merged_into INTO survivor FROM entities e
                    WHERE e.id = NEW.entity_id AND e.tenant_id = NEW.tenant_id
                    FOR KEY SHARE;
                    IF survivor IS NOT NULL THEN
                        NEW.entity_id := survivor;
                    END IF;
                    RETURN NEW;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_entity_mappings_follow_merge
                BEFORE INSERT OR UPDATE OF entity_id ON entity_mappings
                FOR EACH ROW EXECUTE FUNCTION entity_mappings_follow_merge();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_entity_mappings_follow_merge ON entity_mappings;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS entity_mappings_follow_merge();");

            migrationBuilder.DropForeignKey(
                name: "fk_entities_merged_into",
                table: "entities");

            migrationBuilder.DropTable(
                name: "entity_changes");

            migrationBuilder.DropIndex(
                name: "idx_entities_merged_into",
                table: "entities");

            migrationBuilder.DropCheckConstraint(
                name: "ck_entities_not_merged_into_itself",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "merged_into",
                table: "entities");
        }
    }
}
