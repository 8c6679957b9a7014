using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Pgvector;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddEntityResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    normalized_title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    embedding = table.Column<Vector>(type: "vector(512)", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.id);
                    table.UniqueConstraint("ak_entities_tenant_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_entities_kind", "kind IN ('movie', 'series', 'season', 'episode')");
                    table.CheckConstraint("ck_entities_year", "year IS NULL OR year BETWEEN 1870 AND 2200");
                });

            migrationBuilder.CreateTable(
                name: "entity_mappings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    id_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false, defaultValue: 1.0),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_mappings", x => x.id);
                    table.CheckConstraint("ck_entity_mappings_confidence", "confidence >= 0 AND confidence <= 1");
                    table.CheckConstraint("ck_entity_mappings_id_type", "id_type IN ('eidr', 'imdb', 'tmdb', 'tvdb')");
                    table.CheckConstraint("ck_entity_mappings_method", "method IN ('exact', 'fuzzy', 'embedding', 'created')");
                    table.ForeignKey(
                        name: "fk_entity_mappings_entity",
                        columns: x => new { x.tenant_id, x.entity_id },
                        principalTable: "entities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_entities_embedding_hnsw",
                table: "entities",
                column: "embedding")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });

            migrationBuilder.CreateIndex(
                name: "idx_entities_normalized_title_trgm",
                table: "entities",
                column: "normalized_title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" })
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_entity",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_type",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "id_type" });

            migrationBuilder.CreateIndex(
                name: "idx_entity_mappings_updated",
                table: "entity_mappings",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "uq_entity_mappings_external",
                table: "entity_mappings",
                columns: new[] { "tenant_id", "external_id", "id_type" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entity_mappings");

            migrationBuilder.DropTable(
                name: "entities");
        }
    }
}
