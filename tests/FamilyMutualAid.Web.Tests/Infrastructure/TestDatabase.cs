using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>A migrated database of its own for each test: a SQLite file, or a PostgreSQL database in the test run's cluster.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "fma-db", Guid.NewGuid().ToString("N") + ".db");
    private readonly string? _postgres;

    public TestDatabase(bool onPostgreSql = false)
    {
        if (onPostgreSql)
        {
            _postgres = PostgresServer.CreateDatabaseForSite(withRepositoryData: false);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        }
        using var db = Open();
        db.Database.Migrate();
    }

    public PolicyDbContext Open(params IInterceptor[] interceptors) => _postgres is null
        ? new PolicyDbContext(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(interceptors).Options)
        : new PostgreSqlPolicyDbContext(new DbContextOptionsBuilder<PostgreSqlPolicyDbContext>().UseNpgsql(_postgres).AddInterceptors(interceptors).Options);

    public void Dispose()
    {
        if (_postgres is null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_path);
        }
    }
}
