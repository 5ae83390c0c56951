using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <summary>
    /// The GIN index on fiches_actions.enjeux goes: fiches are always looked for within one édition, which
    /// the (candidature, reference) index reaches, and the planner filtered by enjeu there rather than use
    /// it (checked with 25 éditions of fiches); it only cost every insert and update of a fiche.
    /// </summary>
    public partial class SansIndexEnjeux : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_fiches_actions_enjeux",
                table: "fiches_actions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_fiches_actions_enjeux",
                table: "fiches_actions",
                column: "enjeux")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
