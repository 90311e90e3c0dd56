using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Tests.Data;

/// <summary>
/// Each engine's migrations describe the model as it is: a change to the model without `dotnet ef migrations add`
/// for both contexts fails here, on the same design-time contexts that the tool uses (no database is opened).
/// </summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqlitePolicyDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --project src/FamilyMutualAid.Web --context PolicyDbContext --output-dir Data/Migrations");
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new PostgreSqlPolicyDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --project src/FamilyMutualAid.Web --context PostgreSqlPolicyDbContext --output-dir Data/Migrations/PostgreSql");
    }
}
