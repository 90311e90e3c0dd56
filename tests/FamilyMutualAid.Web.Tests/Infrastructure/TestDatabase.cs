using FamilyMutualAid.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own for each test.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "fma-db", Guid.NewGuid().ToString("N") + ".db");

    public TestDatabase()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using var db = Open();
        db.Database.Migrate();
    }

    public PolicyDbContext Open(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(interceptors).Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
