using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Staff;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Drafts, concurrency, publishing and rollback through the real editor on a real database.</summary>
public sealed class RecordEditorTests : IDisposable
{
    private const string Key = "beijing/overview";
    // A site per test: every test edits and publishes Beijing's seeded overview and asserts its exact versions.
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();


    private async Task<(Guid Stamp, ContentPage Page)> CurrentAsync() => await _site.WithDbAsync(async db =>
    {
        var record = await db.Records.Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKinds.Content && r.Key == Key);
        return (record.ConcurrencyStamp, Payloads.Deserialize<ContentPage>(RecordEditor.Published(record)!.Payload));
    });

    private Task<EditResult> SaveAsync(Guid stamp, ContentPage page, string author = "editor@example.org") =>
        _site.WithEditorAsync(editor => editor.SaveDraftAsync(RecordKinds.Content, Key, stamp, Payloads.Serialize(page), author, "test", CancellationToken.None));

    private Task<EditResult> PublishAsync(int versionId) =>
        _site.WithEditorAsync(editor => editor.PublishAsync(RecordKinds.Content, Key, versionId, "publisher@example.org", CancellationToken.None));

    [Fact]
    public async Task A_second_save_from_the_same_base_is_refused_and_keeps_the_first()
    {
        var (stamp, page) = await CurrentAsync();

        var first = await SaveAsync(stamp, page with { Title = "第一位编辑的标题" });
        var second = await SaveAsync(stamp, page with { Title = "第二位编辑的标题" }, "other@example.org");

        Assert.Equal(EditOutcome.Done, first.Outcome);
        Assert.Equal(EditOutcome.Conflict, second.Outcome);
        Assert.Equal("第一位编辑的标题", Payloads.Deserialize<ContentPage>(second.Version!.Payload).Title);
    }

    [Fact]
    public async Task Publishing_makes_the_draft_live_and_the_public_page_changes()
    {
        var (stamp, page) = await CurrentAsync();
        var draft = await SaveAsync(stamp, page with { Markdown = page.Markdown + "\n\n编辑新增的一段说明。" });

        var published = await PublishAsync(draft.Version!.Id);

        Assert.Equal(EditOutcome.Done, published.Outcome);
        var html = await _site.CreateClient().GetStringAsync("/regions/beijing");
        Assert.Contains("编辑新增的一段说明。", html, StringComparison.Ordinal);
        var statuses = await _site.WithDbAsync(db => db.Versions.Where(v => v.Record!.Key == Key).OrderBy(v => v.Number).Select(v => v.Status).ToListAsync());
        Assert.Equal([VersionStatus.Retired, VersionStatus.Published], statuses);
    }

    [Fact]
    public async Task Two_parallel_publishes_of_one_draft_make_exactly_one_new_version()
    {
        var (stamp, page) = await CurrentAsync();
        var draft = await SaveAsync(stamp, page with { Title = "并发发布" });

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PublishAsync(draft.Version!.Id))));

        Assert.Single(results, r => r.Outcome == EditOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != EditOutcome.Done), r => Assert.Equal(EditOutcome.Conflict, r.Outcome));
        Assert.Equal(1, await _site.WithDbAsync(db => db.Versions.CountAsync(v => v.Record!.Key == Key && v.Status == VersionStatus.Published)));
        Assert.Single(await _site.WithDbAsync(db => db.Audit.Where(a => a.Action == AuditActions.Publish).ToListAsync()));
    }

    [Fact]
    public async Task A_draft_that_would_break_the_published_whole_is_not_published()
    {
        var (stamp, page) = await CurrentAsync();
        var draft = await SaveAsync(stamp, page with { Markdown = "见[不存在的页面](/regions/beijing/nowhere)。", SourceIds = ["ghost"] });

        var result = await PublishAsync(draft.Version!.Id);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Contains("unknown source 'ghost'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("broken internal link", StringComparison.Ordinal));
        Assert.Equal(page.Title, (await CurrentAsync()).Page.Title);
    }

    [Fact]
    public async Task Markdown_with_script_or_javascript_links_renders_inert_once_published()
    {
        var (stamp, page) = await CurrentAsync();
        var draft = await SaveAsync(stamp, page with { Markdown = page.Markdown + "\n\n<script>alert(1)</script> [点我](javascript:alert(1))" });
        Assert.Equal(EditOutcome.Invalid, (await PublishAsync(draft.Version!.Id)).Outcome);

        var safe = await SaveAsync((await CurrentAsync()).Stamp, page with { Markdown = page.Markdown + "\n\n<script>alert(1)</script>" });
        Assert.Equal(EditOutcome.Done, (await PublishAsync(safe.Version!.Id)).Outcome);

        var html = await _site.CreateClient().GetStringAsync("/regions/beijing");
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_starts_a_draft_from_an_old_version_and_publishing_it_restores_the_page()
    {
        var (stamp, original) = await CurrentAsync();
        var first = await PublishAsync((await SaveAsync(stamp, original with { Title = "改过的标题" })).Version!.Id);
        Assert.Equal(EditOutcome.Done, first.Outcome);
        var originalVersionId = await _site.WithDbAsync(db => db.Versions.Where(v => v.Record!.Key == Key && v.Number == 1).Select(v => v.Id).SingleAsync());

        var rollback = await _site.WithEditorAsync(editor => editor.RollbackAsync(RecordKinds.Content, Key, originalVersionId, Guid.Empty, "editor@example.org", CancellationToken.None));
        Assert.Equal(EditOutcome.Conflict, rollback.Outcome);
        rollback = await _site.WithEditorAsync(async editor => await editor.RollbackAsync(RecordKinds.Content, Key, originalVersionId, (await CurrentAsync()).Stamp, "editor@example.org", CancellationToken.None));
        Assert.Equal(EditOutcome.Done, rollback.Outcome);
        Assert.Equal("改过的标题", (await CurrentAsync()).Page.Title);

        Assert.Equal(EditOutcome.Done, (await PublishAsync(rollback.Version!.Id)).Outcome);
        Assert.Equal(original.Title, (await CurrentAsync()).Page.Title);
        Assert.Equal(original.Title, _site.Services.GetRequiredService<PolicySnapshotProvider>().Current.FindPage("beijing", "overview")!.Title);
    }

    [Fact]
    public async Task A_page_edit_that_leaves_a_source_cited_by_nothing_is_not_published()
    {
        var source = new Source("page-only-source", "只有页面引用的测试来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceConfidence.Official, null);
        await _site.WithEditorAsync(editor => editor.CreateDraftAsync(RecordKinds.Source, source.Id, null, Payloads.Serialize(source), "editor@example.org", null, CancellationToken.None));
        var (stamp, page) = await CurrentAsync();
        var citing = await SaveAsync(stamp, page with { SourceIds = [.. page.SourceIds, source.Id] });
        Assert.Equal(EditOutcome.Done, (await PublishAsync(citing.Version!.Id)).Outcome);

        var dropping = await SaveAsync((await CurrentAsync()).Stamp, page);
        var refused = await PublishAsync(dropping.Version!.Id);

        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Contains(refused.Problems, p => p.StartsWith("source:page-only-source", StringComparison.Ordinal));
        Assert.Contains(source.Id, (await CurrentAsync()).Page.SourceIds);
    }
}
