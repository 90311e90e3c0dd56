using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Import;

/// <summary>
/// Restarts of one site on its SQLite file and its copy of the files: the start imports only files that changed since
/// the last successful import (what that import recorded: <see cref="ImportedFiles"/>, stamped with the site's clock).
/// </summary>
public sealed class StartupImportTests : IDisposable
{
    // A site per test: tests change the data files and restart the site later on its clock.
    private readonly CopiedDataSiteFactory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A site on the first site's data directory and files, importing at start, its clock this far on.</summary>
    private sealed class Restarted(CopiedDataSiteFactory first, TimeSpan later, string? dataDirectory = null) : SiteFactory
    {
        protected override bool StartsFromRepositoryData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Clock.Advance(later);
            base.ConfigureWebHost(builder);
            builder.UseSetting("FamilyMutualAid:DataDirectory", dataDirectory ?? first.DataDirectory);
            builder.UseSetting("FamilyMutualAid:SeedsDirectory", Path.Combine(first.DataRoot, "seeds"));
            builder.UseSetting("FamilyMutualAid:ContentDirectory", Path.Combine(first.DataRoot, "content"));
        }
    }

    private static async Task<ImportedFiles> ImportedAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PolicyDbContext>().ImportedFiles.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task A_restart_on_unchanged_files_skips_the_import_and_one_on_a_changed_file_imports_it()
    {
        _files.CreateClient().Dispose();
        var first = await ImportedAsync(_files);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        ImportedFiles unchanged;
        using (var restarted = new Restarted(_files, TimeSpan.FromHours(1)))
        {
            using var client = restarted.CreateClient();
            var page = await Html.GetAsync(client, "/regions/beijing");
            Assert.Contains(page.QuerySelectorAll(".fact .value"), v => v.TextContent == "60%");
            unchanged = await ImportedAsync(restarted);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Replace("seeds/policy/beijing.yaml", "value: 0.6", "value: 0.55");
        ImportedFiles changed;
        using (var restarted = new Restarted(_files, TimeSpan.FromHours(2)))
        {
            using var client = restarted.CreateClient();
            var page = await Html.GetAsync(client, "/regions/beijing");
            Assert.Contains(page.QuerySelectorAll(".fact .value"), v => v.TextContent == "55%");
            changed = await ImportedAsync(restarted);
        }

        Assert.NotNull(first.Hash);
        Assert.Equal(TestClock.Start.UtcDateTime, first.ImportedAtUtc);
        Assert.Equal(first.Hash, unchanged.Hash);
        Assert.Equal(TestClock.Start.UtcDateTime, unchanged.ImportedAtUtc);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.Equal(TestClock.Start.UtcDateTime.AddHours(2), changed.ImportedAtUtc);
    }

    [Fact]
    public async Task A_start_on_a_database_one_migration_behind_applies_the_migration_and_imports()
    {
        var dataDirectory = Path.Combine(_files.DataRoot, "older");
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, new FamilyMutualAid.Web.Hosting.FamilyMutualAidOptions().DatabaseFile);
        await using (var older = new PolicyDbContext(new DbContextOptionsBuilder<PolicyDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
        {
            var migrations = older.Database.GetMigrations().ToList();
            await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions
                .GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(older).MigrateAsync(migrations[^2]);
            Assert.Single(await older.Database.GetPendingMigrationsAsync());
        }

        using var site = new Restarted(_files, TimeSpan.Zero, dataDirectory);
        using var client = site.CreateClient();
        var page = await Html.GetAsync(client, "/regions/beijing");

        Assert.Contains(page.QuerySelectorAll(".fact .value"), v => v.TextContent == "60%");
        Assert.NotNull((await ImportedAsync(site)).Hash);
        await using var scope = site.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<PolicyDbContext>().Database.GetPendingMigrationsAsync());
    }
}
