using FamilyMutualAid.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>
/// A SQLite database migrated and imported from the repository's seeds and content once per test run, by the real
/// importer; each test site starts on its own copy of it.
/// </summary>
public static class RepositoryDatabase
{
    private static readonly Lazy<string> Imported = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void CopyTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Imported.Value, path);
    }

    private static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "fma-template", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        Task.Run(async () =>
        {
            await using var db = new PolicyDbContext(options);
            await db.Database.MigrateAsync();
            var report = await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
                .ImportAsync(Repository.Seeds, Repository.Content, dryRun: false, CancellationToken.None);
            if (!report.Succeeded)
            {
                throw new InvalidOperationException("The repository's files do not import: " + string.Join("; ", report.Problems));
            }
        }).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
