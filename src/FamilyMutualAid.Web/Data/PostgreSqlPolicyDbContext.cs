using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Data;

/// <summary>
/// The same database on PostgreSQL. A type of its own only because EF Core finds a context's migrations by its type:
/// PostgreSQL's are in Data/Migrations/PostgreSql, SQLite's (<see cref="PolicyDbContext"/>) in Data/Migrations.
/// Everything else asks for a <see cref="PolicyDbContext"/>.
/// </summary>
public sealed class PostgreSqlPolicyDbContext(DbContextOptions<PostgreSqlPolicyDbContext> options) : PolicyDbContext(options);
