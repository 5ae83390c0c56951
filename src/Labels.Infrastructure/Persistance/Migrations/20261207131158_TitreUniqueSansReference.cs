using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Labels.Infrastructure.Persistance.Migrations
{
    /// <inheritdoc />
    public partial class TitreUniqueSansReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ux_fiches_candidature_titre",
                table: "fiches_actions",
                columns: new[] { "candidature_id", "edition_annee", "titre" },
                unique: true,
                filter: "reference IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_fiches_candidature_titre",
                table: "fiches_actions");
        }
    }
}
