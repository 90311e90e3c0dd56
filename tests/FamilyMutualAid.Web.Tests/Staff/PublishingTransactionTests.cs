using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// A publish is one transaction: validated against what is published inside it, audited in it, and followed by a
/// snapshot at least as new as it, whatever runs beside it.
/// </summary>
public abstract class PublishingTransactionTests : IDisposable
{
    private const string Publisher = "publisher@example.org";
    private readonly SaveBarrier _barrier = new();
    private readonly FailingAuditWrites _failingAudit = new();
    private readonly CancelOnCommit _cancelOnCommit = new();
    // A site per test: each test arms its own database interceptors (a barrier, failing audit writes, a cancelled commit) on seeded records.
    private readonly StaffSiteFactory _site;

    protected PublishingTransactionTests(ITestOutputHelper output, bool onPostgreSql)
    {
        _site = new() { Interceptors = [_barrier, _failingAudit, _cancelOnCommit], OnPostgreSql = onPostgreSql };
        _site.LogTo(output);
    }

    public void Dispose()
    {
        _site.Dispose();
        GC.SuppressFinalize(this);
    }

    private PolicySnapshotProvider Snapshots => _site.Services.GetRequiredService<PolicySnapshotProvider>();

    private Task<PolicyRecord> RecordAsync(RecordKind kind, string key) =>
        _site.WithDbAsync(db => db.Records.Include(r => r.Versions).AsNoTracking().SingleAsync(r => r.Kind == kind && r.Key == key));

    /// <summary>Saves a new draft of a page from its latest version, changed by <paramref name="change"/>.</summary>
    private async Task<PolicyRecordVersion> DraftPageAsync(string key, Func<ContentPage, ContentPage> change)
    {
        var record = await RecordAsync(RecordKind.Page, key);
        var page = change(Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload));
        var saved = await _site.WithEditorAsync(editor => editor.SaveDraftAsync(RecordKind.Page, key, record.ConcurrencyStamp, Payloads.Serialize(page), "editor@example.org", "test", CancellationToken.None));
        Assert.Equal(EditOutcome.Done, saved.Outcome);
        return saved.Version!;
    }

    private Task<EditResult> PublishAsync(string key, int versionId, CancellationToken cancellationToken = default) =>
        _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Page, key, versionId, Publisher, cancellationToken));

    private async Task<long> DatabaseVersionAsync() => await _site.WithDbAsync(db => db.DataVersionAsync(CancellationToken.None));

    [Fact]
    public async Task Two_parallel_publishes_that_together_would_leave_a_source_uncited_publish_one_and_refuse_the_other()
    {
        // A source cited by two pages: each page may drop it while the other still cites it, but not both.
        var source = new Source("two-page-source", "两页共同引用的测试来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceTier.Official, null);
        await _site.WithEditorAsync(editor => editor.CreateDraftAsync(RecordKind.Source, source.Id, null, Payloads.Serialize(source), "editor@example.org", null, CancellationToken.None));
        string[] pages = ["beijing/overview", "shanghai/faq"];
        foreach (var key in pages)
        {
            var citing = await DraftPageAsync(key, page => page with { SourceIds = [.. page.SourceIds, source.Id] });
            Assert.Equal(EditOutcome.Done, (await PublishAsync(key, citing.Id)).Outcome);
        }
        var dropping = new List<PolicyRecordVersion>();
        foreach (var key in pages)
        {
            dropping.Add(await DraftPageAsync(key, page => page with { SourceIds = [.. page.SourceIds.Where(id => id != source.Id)] }));
        }

        _barrier.Arm(2);
        var results = await Task.WhenAll(pages.Select((key, i) => Task.Run(() => PublishAsync(key, dropping[i].Id))));

        Assert.Single(results, r => r.Outcome == EditOutcome.Done);
        var refused = Assert.Single(results, r => r.Outcome != EditOutcome.Done);
        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Contains(refused.Problems, p => p.StartsWith("source:two-page-source", StringComparison.Ordinal) && p.Contains("not used by any fact, claim or page", StringComparison.Ordinal));
        var published = await _site.WithDbAsync(db => PolicySnapshotProvider.LoadAsync(db, CancellationToken.None));
        Assert.Empty(PolicyValidator.Validate(published));
        Assert.Contains(published.Pages, p => p.SourceIds.Contains(source.Id));
    }

    [Fact]
    public async Task A_publish_whose_audit_entry_cannot_be_written_is_not_published()
    {
        var draft = await DraftPageAsync("beijing/overview", page => page with { Title = "审计失败时不应发布的标题" });
        var versionBefore = await DatabaseVersionAsync();

        _failingAudit.Armed = true;
        var attempt = await Record.ExceptionAsync(async () => Assert.NotEqual(EditOutcome.Done, (await PublishAsync("beijing/overview", draft.Id)).Outcome));
        _failingAudit.Armed = false;

        Assert.True(attempt is null or InvalidOperationException or DbUpdateException, attempt?.ToString());
        var record = await RecordAsync(RecordKind.Page, "beijing/overview");
        Assert.Equal(VersionStatus.Draft, record.Versions.Single(v => v.Id == draft.Id).Status);
        Assert.NotEqual("审计失败时不应发布的标题", Payloads.Deserialize<ContentPage>(RecordEditor.Published(record)!.Payload).Title);
        Assert.False(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.Publish)));
        Assert.Equal(versionBefore, await DatabaseVersionAsync());
        Assert.Equal(EditOutcome.Done, (await PublishAsync("beijing/overview", draft.Id)).Outcome);
    }

    [Fact]
    public async Task A_retire_whose_audit_entry_cannot_be_written_leaves_the_record_published()
    {
        var record = await RecordAsync(RecordKind.Page, "fuzhou/overview");

        _failingAudit.Armed = true;
        var attempt = await Record.ExceptionAsync(async () => Assert.NotEqual(EditOutcome.Done,
            (await _site.WithEditorAsync(editor => editor.RetireAsync(RecordKind.Page, "fuzhou/overview", record.ConcurrencyStamp, Publisher, CancellationToken.None))).Outcome));
        _failingAudit.Armed = false;

        Assert.True(attempt is null or InvalidOperationException or DbUpdateException, attempt?.ToString());
        Assert.NotNull(RecordEditor.Published(await RecordAsync(RecordKind.Page, "fuzhou/overview")));
        Assert.False(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.Retire)));
        Assert.Equal(EditOutcome.Done,
            (await _site.WithEditorAsync(editor => editor.RetireAsync(RecordKind.Page, "fuzhou/overview", record.ConcurrencyStamp, Publisher, CancellationToken.None))).Outcome);
    }

    [Fact]
    public async Task A_rollback_whose_audit_entry_cannot_be_written_starts_no_draft()
    {
        var record = await RecordAsync(RecordKind.Page, "beijing/overview");
        var first = record.Versions.Single();

        _failingAudit.Armed = true;
        var attempt = await Record.ExceptionAsync(async () => Assert.NotEqual(EditOutcome.Done,
            (await _site.WithEditorAsync(editor => editor.RollbackAsync(RecordKind.Page, "beijing/overview", first.Id, record.ConcurrencyStamp, "editor@example.org", CancellationToken.None))).Outcome));
        _failingAudit.Armed = false;

        Assert.True(attempt is null or InvalidOperationException or DbUpdateException, attempt?.ToString());
        Assert.Single((await RecordAsync(RecordKind.Page, "beijing/overview")).Versions);
        Assert.False(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.Rollback || a.Action == AuditActions.Edit)));
        Assert.Equal(EditOutcome.Done,
            (await _site.WithEditorAsync(editor => editor.RollbackAsync(RecordKind.Page, "beijing/overview", first.Id, record.ConcurrencyStamp, "editor@example.org", CancellationToken.None))).Outcome);
    }

    [Fact]
    public async Task Every_publish_and_retire_moves_the_data_version_and_the_snapshot_follows_it()
    {
        var start = await DatabaseVersionAsync();
        Assert.Equal(start, Snapshots.Version);

        var draft = await DraftPageAsync("beijing/overview", page => page with { Title = "版本号测试标题" });
        Assert.Equal(start, await DatabaseVersionAsync());
        Assert.Equal(EditOutcome.Done, (await PublishAsync("beijing/overview", draft.Id)).Outcome);
        Assert.Equal(start + 1, await DatabaseVersionAsync());
        Assert.Equal(start + 1, Snapshots.Version);

        var fuzhou = await RecordAsync(RecordKind.Page, "fuzhou/overview");
        Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.RetireAsync(RecordKind.Page, "fuzhou/overview", fuzhou.ConcurrencyStamp, Publisher, CancellationToken.None))).Outcome);
        Assert.Equal(start + 2, await DatabaseVersionAsync());
        Assert.Equal(start + 2, Snapshots.Version);
        Assert.Null(Snapshots.Current.FindPage("fuzhou", "overview"));
    }

    [Fact]
    public void A_snapshot_loaded_at_an_older_version_does_not_replace_a_newer_one()
    {
        var version = Snapshots.Version;
        var current = Snapshots.Current;
        var newer = new PolicySnapshot(current.Regions, current.Sources, current.Definitions, current.Parameters, current.Disagreements, [], current.Vocabulary);

        Assert.True(Snapshots.Install(newer, version + 2));
        Assert.False(Snapshots.Install(current, version + 1));
        Assert.False(Snapshots.Install(current, version + 2));

        Assert.Same(newer, Snapshots.Current);
        Assert.Equal(version + 2, Snapshots.Version);
    }

    [Fact]
    public async Task A_publish_whose_request_is_cancelled_right_after_the_commit_still_installs_the_new_snapshot()
    {
        var draft = await DraftPageAsync("beijing/overview", page => page with { Title = "提交后请求被取消的标题" });
        using var request = new CancellationTokenSource();

        var result = await PublishAsync("beijing/overview", draft.Id, _cancelOnCommit.Arm(request));

        Assert.True(request.IsCancellationRequested);
        Assert.Equal(EditOutcome.Done, result.Outcome);
        Assert.Equal("提交后请求被取消的标题", Snapshots.Current.FindPage("beijing", "overview")!.Title);
        Assert.Equal(await DatabaseVersionAsync(), Snapshots.Version);
        Assert.Contains("提交后请求被取消的标题", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);
    }
}

public sealed class SqlitePublishingTransactionTests(ITestOutputHelper output) : PublishingTransactionTests(output, onPostgreSql: false);

/// <summary>The same on PostgreSQL, where publishers wait on the DataVersion row's lock (needs PostgreSQL, as in CI).</summary>
public sealed class PostgresPublishingTransactionTests(ITestOutputHelper output) : PublishingTransactionTests(output, onPostgreSql: true);
