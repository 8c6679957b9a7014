using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BoundedTitleCandidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A title's distinct words in one order (byte order, whatever the database's collation), so that
            // "Love Actually" and "Actually Love" share a key; the generated column below fills existing rows.
            migrationBuilder.Sql("""
                CREATE FUNCTION entity_title_key(normalized_title text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT array_to_string(ARRAY(SELECT DISTINCT w COLLATE "C" FROM unnest(string_to_array(normalized_title, ' ')) AS w WHERE w <> '' ORDER BY 1), ' ') $$;
                """);

            migrationBuilder.DropIndex(
                name: "idx_entities_normalized_title_trgm",
                table: "entities");

            migrationBuilder.AddColumn<int[]>(
                name: "title_bands",
                table: "entities",
                type: "integer[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "title_key",
                table: "entities",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                computedColumnSql: "entity_title_key(normalized_title)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "idx_entities_title_bands",
                table: "entities",
                column: "title_bands")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:StorageParameter:fastupdate", true)
                .Annotation("Npgsql:StorageParameter:gin_pending_list_limit", 64);

            migrationBuilder.CreateIndex(
                name: "idx_entities_title_bands_missing",
                table: "entities",
                column: "id",
                filter: "title_bands IS NULL");

            migrationBuilder.CreateIndex(
                name: "idx_entities_title_key",
                table: "entities",
                columns: new[] { "title_key", "kind", "tenant_id", "year" });

            // The flush after each batch of new entities now empties the bands index's pending list.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION flush_entity_title_index() RETURNS bigint
                LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
                AS $$ SELECT gin_clean_pending_list('idx_entities_title_bands'::regclass) $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_entities_title_bands",
                table: "entities");

            migrationBuilder.DropIndex(
                name: "idx_entities_title_bands_missing",
                table: "entities");

            migrationBuilder.DropIndex(
                name: "idx_entities_title_key",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "title_key",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "title_bands",
                table: "entities");

            migrationBuilder.CreateIndex(
                name: "idx_entities_normalized_title_trgm",
                table: "entities",
                column: "normalized_title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" })
                .Annotation("Npgsql:StorageParameter:fastupdate", true)
                .Annotation("Npgsql:StorageParameter:gin_pending_list_limit", 64);

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION flush_entity_title_index() RETURNS bigint
                LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
                AS $$ SELECT gin_clean_pending_list('idx_entities_normalized_title_trgm'::regclass) $$;
                """);
            migrationBuilder.Sql("DROP FUNCTION entity_title_key(text);");
        }
    }
}
