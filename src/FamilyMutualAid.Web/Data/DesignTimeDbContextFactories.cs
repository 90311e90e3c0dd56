using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FamilyMutualAid.Web.Data;

// `dotnet ef` builds each context through these instead of starting the site, which would register only the
// configured provider's context. The connection strings are never opened: adding a migration or checking for
// pending model changes only compares the model with the migrations' snapshot.

/// <summary>The SQLite context for `dotnet ef … --context PolicyDbContext` (migrations in Data/Migrations).</summary>
public sealed class SqlitePolicyDbContextFactory : IDesignTimeDbContextFactory<PolicyDbContext>
{
    public PolicyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite("Data Source=:memory:").Options);
}

/// <summary>The PostgreSQL context for `dotnet ef … --context PostgreSqlPolicyDbContext` (Data/Migrations/PostgreSql).</summary>
public sealed class PostgreSqlPolicyDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlPolicyDbContext>
{
    public PostgreSqlPolicyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlPolicyDbContext>().UseNpgsql("Host=localhost").Options);
}
