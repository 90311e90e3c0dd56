using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Export;

/// <summary>Export from a database's published state, then import the files: the same data, and nothing to change.</summary>
public sealed class ExportDatabaseTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly TestDatabase _fresh = new();
    private readonly ExportTarget _folder = new();

    public void Dispose()
    {
        _database.Dispose();
        _fresh.Dispose();
        _folder.Dispose();
    }

    private static async Task<ImportReport> ImportAsync(TestDatabase database, string seeds, string content)
    {
        await using var db = database.Open();
        var report = await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
            .ImportAsync(seeds, content, dryRun: false, CancellationToken.None);
        Assert.True(report.Succeeded, string.Join("\n", report.Problems));
        return report;
    }

    private static async Task<PolicySnapshot> PublishedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await PolicySnapshotProvider.LoadAsync(db, CancellationToken.None);
    }

    [Fact]
    public async Task Files_exported_from_the_database_import_into_a_fresh_database_as_the_same_data()
    {
        await ImportAsync(_database, Repository.Seeds, Repository.Content);
        var published = await PublishedAsync(_database);

        await _folder.ExportAsync(published);
        var report = await ImportAsync(_fresh, _folder.Seeds, _folder.Content);

        Assert.Empty(report.Problems);
        Assert.Empty(report.Conflicts);
        var reimported = await PublishedAsync(_fresh);
        Assert.Empty(SnapshotDifferences.Between(published, reimported));
        Assert.Empty(SnapshotDifferences.Between(PolicyFileReader.Read(Repository.Seeds, Repository.Content).ToSnapshot(), reimported));
        Assert.Equal(published.Definitions.Select(d => d.Key), reimported.Definitions.Select(d => d.Key));
    }

    [Fact]
    public async Task Importing_the_exported_files_into_the_same_database_changes_nothing()
    {
        var first = await ImportAsync(_database, Repository.Seeds, Repository.Content);
        await _folder.ExportAsync(await PublishedAsync(_database));

        var again = await ImportAsync(_database, _folder.Seeds, _folder.Content);

        Assert.Empty(again.Added);
        Assert.Empty(again.Updated);
        Assert.Empty(again.Conflicts);
        Assert.Equal(first.Added.Count, again.Unchanged);
    }

    [Fact]
    public async Task Exporting_unchanged_data_over_the_files_it_was_imported_from_changes_no_file()
    {
        // As `export` after a fresh start: the checkout's files (with their comments and order) are the target.
        CopyRepositoryFilesTo(_folder);
        var before = _folder.Files();
        await ImportAsync(_database, _folder.Seeds, _folder.Content);
        var published = await PublishedAsync(_database);

        var first = await _folder.ExportAsync(published);
        var second = await _folder.ExportAsync(published);

        Assert.Empty(first.Written);
        Assert.Empty(first.Deleted);
        Assert.Empty(second.Written);
        Assert.Equal(before.Keys, _folder.Files().Keys);
        Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(_folder.Files()[file.Key]), file.Key + " was rewritten"));
    }

    [Fact]
    public async Task Exporting_rewrites_only_the_file_whose_data_differs_from_the_database()
    {
        CopyRepositoryFilesTo(_folder);
        await ImportAsync(_database, _folder.Seeds, _folder.Content);
        var page = Directory.EnumerateFiles(Path.Combine(_folder.Content, "shanghai"), "*.md").Order(StringComparer.Ordinal).First();
        File.AppendAllText(page, "\n本段不在数据库中。\n");

        var report = await _folder.ExportAsync(await PublishedAsync(_database));

        Assert.Equal(["content/shanghai/" + Path.GetFileName(page)], report.Written);
        Assert.DoesNotContain("本段不在数据库中", File.ReadAllText(page), StringComparison.Ordinal);
    }

    private static void CopyRepositoryFilesTo(ExportTarget folder)
    {
        foreach (var (from, to) in new[] { (Repository.Seeds, folder.Seeds), (Repository.Content, folder.Content) })
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                folder.Write(Path.Combine(Path.GetFileName(to), Path.GetRelativePath(from, file)), File.ReadAllText(file));
            }
        }
    }
}
