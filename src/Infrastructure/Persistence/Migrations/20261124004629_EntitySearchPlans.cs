using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Entity search and lookup that stay fast for a tenant the planner's statistics have not seen: no index on
    /// entities or entity_mappings is led by tenant_id. The title index takes inserts through a small pending
    /// list, emptied in bulk.
    /// </summary>
    public partial class EntitySearchPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_entity_mappings_entity",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "idx_entity_mappings_entity",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "idx_entity_mappings_type",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "uq_entity_mappings_external",
                table: "entity_mappings");

            migrationBuilder.DropUniqueConstraint(
                name: "ak_entities_tenant_id",
                table: "entities");

            migrationBuilder.AddUniqueConstraint(
                name: "ak_entities_id_tenant",
                table: "entities",
                columns: new[] { "id", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_entity",
                table: "entity_mappings",
                columns: new[] { "entity_id", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_type",
                table: "entity_mappings",
                column: "id_type");

            migrationBuilder.CreateIndex(
                name: "uq_entity_mappings_external",
                table: "entity_mappings",
                columns: new[] { "external_id", "id_type", "tenant_id" },
                unique: true);

            // ALTER, not the drop and re-create EF generates: rebuilding the index would lock a large catalog.
            migrationBuilder.Sql("ALTER INDEX idx_entities_normalized_title_trgm SET (fastupdate = on, gin_pending_list_limit = 64);");
            // gin_clean_pending_list needs the index's owner; the service may run as a role that only writes rows.
            migrationBuilder.Sql("""
                CREATE FUNCTION flush_entity_title_index() RETURNS bigint
                LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
                AS $$ SELECT gin_clean_pending_list('idx_entities_normalized_title_trgm'::regclass) $$;
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_entity_mappings_entity",
                table: "entity_mappings",
                columns: new[] { "entity_id", "tenant_id" },
                principalTable: "entities",
                principalColumns: new[] { "id", "tenant_id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_entity_mappings_entity",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "idx_entity_mappings_entity",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "idx_entity_mappings_type",
                table: "entity_mappings");

            migrationBuilder.DropIndex(
                name: "uq_entity_mappings_external",
                table: "entity_mappings");

            migrationBuilder.DropUniqueConstraint(
                name: "ak_entities_id_tenant",
                table: "entities");

            migrationBuilder.AddUniqueConstraint(
                name: "ak_entities_tenant_id",
                table: "entities",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_entity",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_type",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "id_type" });

            migrationBuilder.CreateIndex(
                name: "uq_entity_mappings_external",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "external_id", "id_type" },
                unique: true);

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS flush_entity_title_index();");
            migrationBuilder.Sql("ALTER INDEX idx_entities_normalized_title_trgm RESET (gin_pending_list_limit);");
            migrationBuilder.Sql("ALTER INDEX idx_entities_normalized_title_trgm SET (fastupdate = off);");

            migrationBuilder.AddForeignKey(
                name: "fk_entity_mappings_entity",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "entity_id" },
                principalTable: "entities",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Cascade);
        }
    }
}
