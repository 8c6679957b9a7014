using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Pgvector;

#nullable disable

namespace MediaGateway.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // idx_entities_embedding_hnsw keeps its index: the model now names m=16 and ef_construction=64, which are
            // the values it was built with (pgvector's defaults); rebuilding a large catalog's HNSW index for that is not worth it.
            migrationBuilder.AddColumn<string>(
                name: "description",
                table: "entities",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_model",
                table: "entities",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "genres",
                table: "entities",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "entities",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "interactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    rating = table.Column<short>(type: "smallint", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interactions", x => x.id);
                    table.CheckConstraint("ck_interactions_rating", "(type = 'rating') = (rating IS NOT NULL) AND (rating IS NULL OR rating BETWEEN 1 AND 5)");
                    table.CheckConstraint("ck_interactions_type", "type IN ('view', 'play', 'complete', 'like', 'dislike', 'watchlist', 'rating')");
                    table.ForeignKey(
                        name: "fk_interactions_entity",
                        columns: x => new { x.entity_id, x.tenant_id },
                        principalTable: "entities",
                        principalColumns: new[] { "id", "tenant_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trending_entities",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    time_window = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    interaction_count = table.Column<int>(type: "integer", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trending_entities", x => new { x.time_window, x.tenant_id, x.entity_id });
                    table.CheckConstraint("ck_trending_entities_window", "time_window IN ('1h', '24h', '7d')");
                    table.ForeignKey(
                        name: "fk_trending_entities_entity",
                        columns: x => new { x.entity_id, x.tenant_id },
                        principalTable: "entities",
                        principalColumns: new[] { "id", "tenant_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_profiles",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    preference_vector = table.Column<Vector>(type: "vector(512)", nullable: true),
                    embedding_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    weight_total = table.Column<double>(type: "double precision", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    interaction_count = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_profiles", x => new { x.user_id, x.tenant_id });
                    table.CheckConstraint("ck_user_profiles_counts", "interaction_count >= 0 AND weight_total >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "idx_entities_model_tenant",
                table: "entities",
                columns: new[] { "embedding_model", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "idx_interactions_entity",
                table: "interactions",
                columns: new[] { "entity_id", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "idx_interactions_occurred",
                table: "interactions",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "idx_interactions_user_time",
                table: "interactions",
                columns: new[] { "user_id", "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "uq_interactions_event",
                table: "interactions",
                columns: new[] { "user_id", "tenant_id", "event_id" },
                unique: true,
                filter: "event_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "uq_interactions_natural",
                table: "interactions",
                columns: new[] { "user_id", "tenant_id", "entity_id", "type", "occurred_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_trending_entities_entity",
                table: "trending_entities",
                columns: new[] { "entity_id", "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "idx_trending_entities_rank",
                table: "trending_entities",
                columns: new[] { "time_window", "tenant_id", "score" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "idx_user_profiles_preference_hnsw",
                table: "user_profiles",
                column: "preference_vector")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" })
                .Annotation("Npgsql:StorageParameter:ef_construction", 64)
                .Annotation("Npgsql:StorageParameter:m", 16);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "interactions");

            migrationBuilder.DropTable(
                name: "trending_entities");

            migrationBuilder.DropTable(
                name: "user_profiles");

            migrationBuilder.DropIndex(
                name: "idx_entities_model_tenant",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "description",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "embedding_model",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "genres",
                table: "entities");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "entities");
        }
    }
}
