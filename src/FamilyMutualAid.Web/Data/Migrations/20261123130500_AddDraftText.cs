using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FamilyMutualAid.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDraftText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DraftText",
                table: "PolicyRecordVersions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DraftText",
                table: "PolicyRecordVersions");
        }
    }
}
