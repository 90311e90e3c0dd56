using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Import;

/// <summary>Importing into a real database (SQLite and PostgreSQL): idempotent, atomic, and respectful of staff edits.</summary>
public abstract class ImporterApplyTests(bool onPostgreSql) : IDisposable
{
    private readonly TestDataset _data = new();
    private readonly TestDatabase _database = new(onPostgreSql);

    public void Dispose()
    {
        _data.Dispose();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<ImportReport> ImportAsync(bool dryRun = false)
    {
        await using var db = _database.Open();
        return await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
            .ImportAsync(_data.Seeds, _data.Content, dryRun, CancellationToken.None);
    }

    /// <summary>As the site does at start: imports unless the files are those the last successful import applied.</summary>
    private async Task<ImportReport> ImportIfChangedAsync()
    {
        await using var db = _database.Open();
        return await new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance)
            .ImportIfChangedAsync(_data.Seeds, _data.Content, CancellationToken.None);
    }

    private async Task<PolicySnapshot> SnapshotAsync()
    {
        await using var db = _database.Open();
        return await PolicySnapshotProvider.LoadAsync(db, CancellationToken.None);
    }

    private async Task<long> DataVersionAsync()
    {
        await using var db = _database.Open();
        return await db.DataVersionAsync(CancellationToken.None);
    }

    private async Task<int> VersionCountAsync()
    {
        await using var db = _database.Open();
        return await db.Versions.CountAsync();
    }

    private static decimal AlphaCap(PolicySnapshot snapshot) =>
        ((NumberValue)snapshot.FindParameter("alpha", "cap")!.Values[0].Value).Number;

    [Fact]
    public async Task First_import_creates_every_record_as_published()
    {
        var report = await ImportAsync();

        Assert.True(report.Succeeded);
        Assert.Contains("region:beta", report.Added);
        var snapshot = await SnapshotAsync();
        Assert.Equal(3, snapshot.Regions.Length);
        Assert.Equal(0.6m, AlphaCap(snapshot));
        Assert.True(snapshot.FindParameter("alpha", "cap")!.Values[0].Unconfirmed);
        Assert.Equal("甲省概览", snapshot.FindPage("alpha", "overview")!.Title);
    }

    [Fact]
    public async Task An_import_that_changes_something_is_audited_and_moves_the_data_version_and_one_that_changes_nothing_does_neither()
    {
        var start = await DataVersionAsync();

        await ImportAsync();
        var afterFirst = await DataVersionAsync();
        await ImportAsync();
        await ImportAsync(dryRun: true);

        Assert.Equal(start + 1, afterFirst);
        Assert.Equal(afterFirst, await DataVersionAsync());
        await using var db = _database.Open();
        var entry = Assert.Single(await db.Audit.Where(a => a.Action == AuditActions.Import).ToListAsync());
        Assert.Equal(PolicyImporter.ImportAuthor, entry.Actor);
        Assert.Contains("added", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_whose_audit_entry_cannot_be_written_changes_nothing()
    {
        var start = await DataVersionAsync();

        await using (var db = _database.Open(new FailingAuditWrites { Armed = true }))
        {
            var importer = new PolicyImporter(db, TestClock.New(), NullLogger<PolicyImporter>.Instance);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => importer.ImportAsync(_data.Seeds, _data.Content, dryRun: false, CancellationToken.None));
        }

        Assert.Equal(0, await VersionCountAsync());
        Assert.Equal(start, await DataVersionAsync());
    }

    [Fact]
    public async Task Importing_twice_changes_nothing()
    {
        var first = await ImportAsync();
        var versions = await VersionCountAsync();

        var second = await ImportAsync();

        Assert.Empty(second.Added);
        Assert.Empty(second.Updated);
        Assert.Equal(first.Added.Count, second.Unchanged);
        Assert.Equal(versions, await VersionCountAsync());
    }

    [Fact]
    public async Task A_changed_file_adds_a_new_published_version_and_retires_the_old()
    {
        await ImportAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");

        var report = await ImportAsync();

        Assert.Equal(["parameter:alpha/cap"], report.Updated);
        Assert.Equal(0.7m, AlphaCap(await SnapshotAsync()));
        await using var db = _database.Open();
        var statuses = await db.Versions.Where(v => v.Record!.Key == "alpha/cap").OrderBy(v => v.Number).Select(v => v.Status).ToListAsync();
        Assert.Equal([VersionStatus.Retired, VersionStatus.Published], statuses);
    }

    [Fact]
    public async Task A_dry_run_validates_and_reports_but_writes_nothing()
    {
        var report = await ImportAsync(dryRun: true);

        Assert.True(report.Succeeded);
        Assert.NotEmpty(report.Added);
        Assert.Equal(0, await VersionCountAsync());
    }

    [Fact]
    public async Task A_failing_import_changes_nothing()
    {
        await ImportAsync();
        var versions = await VersionCountAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");
        _data.Replace("seeds/regions.yaml", "parent: alpha", "parent: gamma");

        var report = await ImportAsync();

        Assert.False(report.Succeeded);
        Assert.Equal(versions, await VersionCountAsync());
        Assert.Equal(0.6m, AlphaCap(await SnapshotAsync()));
    }

    /// <summary>Adds a staff version of alpha/cap with this value, published or as a draft.</summary>
    private async Task StaffEditAsync(decimal cap, VersionStatus status = VersionStatus.Published)
    {
        await using var db = _database.Open();
        var record = await db.Records.Include(r => r.Versions).SingleAsync(r => r.Key == "alpha/cap");
        var published = record.Versions.Single(v => v.Status == VersionStatus.Published);
        var edited = Payloads.Deserialize<PolicyParameter>(published.Payload);
        edited = edited with { Values = [edited.Values[0] with { Value = new NumberValue(cap) }] };
        var payload = Payloads.Serialize(edited);
        if (status == VersionStatus.Published)
        {
            published.Status = VersionStatus.Retired;
        }
        record.Versions.Add(new PolicyRecordVersion
        {
            Number = record.Versions.Max(v => v.Number) + 1,
            Status = status,
            Origin = VersionOrigin.Staff,
            Payload = payload,
            PayloadHash = Payloads.Hash(payload),
            Author = "editor@example.org",
            CreatedAtUtc = TestClock.Start.UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_staff_edit_survives_a_reimport_and_the_conflict_is_reported()
    {
        await ImportAsync();
        await StaffEditAsync(0.5m);

        var unchangedFiles = await ImportAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");
        var changedFiles = await ImportAsync();

        Assert.Empty(unchangedFiles.Conflicts);
        var conflict = Assert.Single(changedFiles.Conflicts);
        Assert.StartsWith("parameter:alpha/cap", conflict, StringComparison.Ordinal);
        Assert.Empty(changedFiles.Updated);
        Assert.Equal(0.5m, AlphaCap(await SnapshotAsync()));
    }

    [Fact]
    public async Task A_file_that_says_what_staff_published_is_in_step_and_later_file_changes_apply_again()
    {
        await ImportAsync();
        await StaffEditAsync(0.5m);
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.5");

        var inStep = await ImportAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.5", "value: 0.4");
        var changed = await ImportAsync();

        Assert.Empty(inStep.Conflicts);
        Assert.Empty(inStep.Updated);
        Assert.Empty(changed.Conflicts);
        Assert.Equal(["parameter:alpha/cap"], changed.Updated);
        Assert.Equal(0.4m, AlphaCap(await SnapshotAsync()));
    }

    [Fact]
    public async Task A_waiting_staff_draft_keeps_a_file_change_out_and_is_reported()
    {
        await ImportAsync();
        await StaffEditAsync(0.5m, VersionStatus.Draft);
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");

        var report = await ImportAsync();

        Assert.StartsWith("parameter:alpha/cap", Assert.Single(report.Conflicts), StringComparison.Ordinal);
        Assert.Equal(0.6m, AlphaCap(await SnapshotAsync()));
    }

    [Fact]
    public async Task A_start_on_the_files_last_imported_skips_the_import_and_a_start_on_changed_files_imports_them()
    {
        var first = await ImportIfChangedAsync();
        var versions = await VersionCountAsync();

        var unchanged = await ImportIfChangedAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");
        var changed = await ImportIfChangedAsync();
        var again = await ImportIfChangedAsync();

        Assert.False(first.Skipped);
        Assert.Contains("region:beta", first.Added);
        Assert.True(unchanged.Skipped);
        Assert.False(changed.Skipped);
        Assert.Equal(["parameter:alpha/cap"], changed.Updated);
        Assert.Equal(versions + 1, await VersionCountAsync());
        Assert.Equal(0.7m, AlphaCap(await SnapshotAsync()));
        Assert.True(again.Skipped);
    }

    [Fact]
    public async Task A_file_added_or_renamed_is_a_change()
    {
        await ImportIfChangedAsync();
        _data.Write("content/alpha/notes.txt", "not read by the importer, but under content/");
        var added = await ImportIfChangedAsync();
        File.Move(Path.Combine(_data.Content, "alpha", "notes.txt"), Path.Combine(_data.Content, "alpha", "notes2.txt"));
        var renamed = await ImportIfChangedAsync();

        Assert.False(added.Skipped);
        Assert.Empty(added.Added);
        Assert.Empty(added.Updated);
        Assert.False(renamed.Skipped);
    }

    [Fact]
    public async Task A_failed_or_dry_run_import_records_nothing_so_the_next_start_imports_the_files()
    {
        await ImportIfChangedAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");
        _data.Replace("seeds/regions.yaml", "parent: alpha", "parent: gamma");
        var failed = await ImportIfChangedAsync();
        var failedAgain = await ImportIfChangedAsync();
        _data.Replace("seeds/regions.yaml", "parent: gamma", "parent: alpha");
        await ImportAsync(dryRun: true);

        var fixedFiles = await ImportIfChangedAsync();

        Assert.False(failed.Succeeded);
        Assert.False(failedAgain.Skipped);
        Assert.False(failedAgain.Succeeded);
        Assert.False(fixedFiles.Skipped);
        Assert.Equal(["parameter:alpha/cap"], fixedFiles.Updated);
        Assert.Equal(0.7m, AlphaCap(await SnapshotAsync()));
    }

    [Fact]
    public async Task A_staff_edit_survives_starts_on_unchanged_and_on_changed_files()
    {
        await ImportIfChangedAsync();
        await StaffEditAsync(0.5m);

        var unchangedFiles = await ImportIfChangedAsync();
        _data.Replace("seeds/policy/alpha.yaml", "value: 0.6", "value: 0.7");
        var changedFiles = await ImportIfChangedAsync();

        Assert.True(unchangedFiles.Skipped);
        Assert.StartsWith("parameter:alpha/cap", Assert.Single(changedFiles.Conflicts), StringComparison.Ordinal);
        Assert.Equal(0.5m, AlphaCap(await SnapshotAsync()));
    }

    [Fact]
    public async Task Vocabulary_payloads_list_their_labels_in_a_fixed_order_so_hashes_match_across_processes()
    {
        _data.Replace("seeds/vocabulary.yaml", "  spouse: 配偶\n  parent: 父母", "  spouse: 配偶\n  parent: 父母\n  child: 子女\n  sibling: 兄弟姐妹");
        await ImportAsync();

        var payload = await _database.Open().Versions.Where(v => v.Record!.Kind == RecordKind.Vocabulary).Select(v => v.Payload).SingleAsync();

        var labels = System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("labels").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(labels.Order(StringComparer.Ordinal), labels);
        Assert.Equal(["spouse", "parent", "child", "sibling"], Payloads.Deserialize<VocabularyGroup>(payload).Order.ToList());
    }
}

public sealed class SqliteImporterApplyTests() : ImporterApplyTests(onPostgreSql: false);

/// <summary>The same on PostgreSQL (needs PostgreSQL, as in CI).</summary>
public sealed class PostgresImporterApplyTests() : ImporterApplyTests(onPostgreSql: true);
