using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Npgsql;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Tests.Deployment;

/// <summary>
/// deploy/backup.sh as docs/deploying.md documents it: a backup taken while the site runs holds what was
/// published then, and a restore brings exactly that back.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const string Page = "shanghai/faq";
    private const string Url = "/regions/shanghai/faq";
    private static readonly string Script = Path.Combine(Repository.Root, "deploy", "backup.sh");

    [ServerFact]
    public async Task A_sqlite_backup_taken_online_restores_what_was_published_at_that_moment()
    {
        ExternalProcess.Require("/usr/bin/sqlite3", "sqlite3");
        var restored = Path.Combine(Path.GetTempPath(), "fma-restore-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(restored);
        var backup = Path.Combine(restored, "backup.db");
        try
        {
            string atBackup;
            using (var site = new SiteFactory().LogTo(output))
            {
                using var client = site.CreateClient();
                atBackup = await PublishNewTitleAsync(site);
                await BackupScriptAsync("backup", "sqlite", Path.Combine(site.DataDirectory, new FamilyMutualAidOptions().DatabaseFile), backup);
                var later = await PublishNewTitleAsync(site);
                await PagePublishing.WaitForTitleAsync(client, Url, later, TimeSpan.FromSeconds(2));
            }
            await BackupScriptAsync("restore", "sqlite", backup, Path.Combine(restored, new FamilyMutualAidOptions().DatabaseFile));

            using var again = new SqliteSiteOn(restored).LogTo(output);
            using var restoredClient = again.CreateClient();
            await PagePublishing.WaitForTitleAsync(restoredClient, Url, atBackup, TimeSpan.FromSeconds(2));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(restored, recursive: true);
        }
    }

    [ServerFact]
    public async Task A_postgresql_backup_taken_online_restores_over_the_database_what_was_published_at_that_moment()
    {
        var backup = Path.Combine(Path.GetTempPath(), "fma-backup-" + Guid.NewGuid().ToString("N")[..8] + ".dump");
        try
        {
            string atBackup;
            string connectionString;
            using (var site = new PostgresSiteFactory())
            {
                site.LogTo(output);
                connectionString = site.ConnectionString;
                using var client = site.CreateClient();
                atBackup = await PublishNewTitleAsync(site);
                await BackupScriptAsync("backup", "postgresql", Uri(connectionString), backup);
                var later = await PublishNewTitleAsync(site);
                await PagePublishing.WaitForTitleAsync(client, Url, later, TimeSpan.FromSeconds(2));
            }
            NpgsqlConnection.ClearAllPools();
            await BackupScriptAsync("restore", "postgresql", backup, Uri(connectionString));

            using var again = new PostgresSiteOn(connectionString).LogTo(output);
            using var restoredClient = again.CreateClient();
            await PagePublishing.WaitForTitleAsync(restoredClient, Url, atBackup, TimeSpan.FromSeconds(2));
        }
        finally
        {
            File.Delete(backup);
        }
    }

    [ServerFact]
    public async Task A_sqlite_backup_waits_for_a_writer_holding_the_database_instead_of_failing()
    {
        // A site that is writing (a publish, the key ring, an import) holds the file for a moment; a backup taken
        // then used to stop with "database is locked".
        ExternalProcess.Require("/usr/bin/sqlite3", "sqlite3");
        var folder = Path.Combine(Path.GetTempPath(), "fma-held-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "held.db");
        try
        {
            await using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
            await writer.OpenAsync();
            await using (var create = writer.CreateCommand())
            {
                create.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1); BEGIN EXCLUSIVE; INSERT INTO t VALUES (2);";
                await create.ExecuteNonQueryAsync();
            }

            var backup = BackupScriptAsync("backup", "sqlite", database, Path.Combine(folder, "backup.db"));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(backup.IsCompleted, "the backup should wait while the writer holds the database");
            await using (var commit = writer.CreateCommand())
            {
                commit.CommandText = "COMMIT;";
                await commit.ExecuteNonQueryAsync();
            }

            await backup;
            Assert.True(File.Exists(Path.Combine(folder, "backup.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> PublishNewTitleAsync(SiteFactory site)
    {
        var title = "备份测试标题 " + Guid.NewGuid().ToString("N")[..6];
        await PagePublishing.PublishTitleAsync(site.Services, Page, title);
        return title;
    }

    private async Task BackupScriptAsync(params string[] arguments) =>
        output.WriteLine(await ExternalProcess.RunAsync("bash", [Script, .. arguments]));

    private static string Uri(string connectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{parts.Username}@{parts.Host}:{parts.Port}/{parts.Database}";
    }
}
