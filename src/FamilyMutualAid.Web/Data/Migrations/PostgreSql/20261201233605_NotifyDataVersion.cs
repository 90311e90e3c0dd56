using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FamilyMutualAid.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Every commit that moves the data version sends NOTIFY fma_data_version (delivered at commit), whichever process
    /// made it, so the other instances reload at once (PostgreSqlDataVersionListener).
    /// </summary>
    public partial class NotifyDataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION fma_notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('fma_data_version', NEW."Version"::text);
                    RETURN NEW;
                END;
                $$;
                CREATE TRIGGER "DataVersion_notify" AFTER UPDATE OR INSERT ON "DataVersion"
                    FOR EACH ROW EXECUTE FUNCTION fma_notify_data_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "DataVersion_notify" ON "DataVersion";
                DROP FUNCTION fma_notify_data_version();
                """);
        }
    }
}
