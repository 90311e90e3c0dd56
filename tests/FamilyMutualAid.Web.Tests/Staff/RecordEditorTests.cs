using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Drafts, concurrency, publishing and rollback through the real editor on a real database.</summary>
/// <remarks>One site for the class: each test edits a page no other test here does, so each sees its page's history from version 1.</remarks>
public sealed class RecordEditorTests(SharedStaffSite fixture) : IClassFixture<SharedStaffSite>
{
    private readonly StaffSiteFactory _site = fixture.Site;

    private async Task<(Guid Stamp, ContentPage Page)> CurrentAsync(string key) => await _site.WithDbAsync(async db =>
    {
        var record = await db.Records.Include(r => r.Versions).SingleAsync(r => r.Kind == RecordKind.Page && r.Key == key);
        return (record.ConcurrencyStamp, Payloads.Deserialize<ContentPage>(RecordEditor.Published(record)!.Payload));
    });

    private Task<EditResult> SaveAsync(string key, Guid stamp, ContentPage page, string author = "editor@example.org") =>
        _site.WithEditorAsync(editor => editor.SaveDraftAsync(RecordKind.Page, key, stamp, Payloads.Serialize(page), author, "test", CancellationToken.None));

    private Task<EditResult> PublishAsync(string key, int versionId) =>
        _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Page, key, versionId, "publisher@example.org", CancellationToken.None));

    [Fact]
    public async Task A_second_save_from_the_same_base_is_refused_and_keeps_the_first()
    {
        const string key = "shanghai/faq";
        var (stamp, page) = await CurrentAsync(key);

        var first = await SaveAsync(key, stamp, page with { Title = "第一位编辑的标题" });
        var second = await SaveAsync(key, stamp, page with { Title = "第二位编辑的标题" }, "other@example.org");

        Assert.Equal(EditOutcome.Done, first.Outcome);
        Assert.Equal(EditOutcome.Conflict, second.Outcome);
        Assert.Equal("第一位编辑的标题", Payloads.Deserialize<ContentPage>(second.Version!.Payload).Title);
    }

    [Fact]
    public async Task Publishing_makes_the_draft_live_and_the_public_page_changes()
    {
        const string key = "beijing/overview";
        var (stamp, page) = await CurrentAsync(key);
        var draft = await SaveAsync(key, stamp, page with { Markdown = page.Markdown + "\n\n编辑新增的一段说明。" });

        var published = await PublishAsync(key, draft.Version!.Id);

        Assert.Equal(EditOutcome.Done, published.Outcome);
        var html = await _site.CreateClient().GetStringAsync("/regions/" + key.Split('/')[0]);
        Assert.Contains("编辑新增的一段说明。", html, StringComparison.Ordinal);
        var statuses = await _site.WithDbAsync(db => db.Versions.Where(v => v.Record!.Key == key).OrderBy(v => v.Number).Select(v => v.Status).ToListAsync());
        Assert.Equal([VersionStatus.Retired, VersionStatus.Published], statuses);
    }

    [Fact]
    public async Task Two_parallel_publishes_of_one_draft_make_exactly_one_new_version()
    {
        const string key = "henan/overview";
        var (stamp, page) = await CurrentAsync(key);
        var draft = await SaveAsync(key, stamp, page with { Title = "并发发布" });

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PublishAsync(key, draft.Version!.Id))));

        Assert.Single(results, r => r.Outcome == EditOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != EditOutcome.Done), r => Assert.Equal(EditOutcome.Conflict, r.Outcome));
        Assert.Equal(1, await _site.WithDbAsync(db => db.Versions.CountAsync(v => v.Record!.Key == key && v.Status == VersionStatus.Published)));
        Assert.Single(await _site.WithDbAsync(db => db.Audit.Where(a => a.Action == AuditActions.Publish && a.Subject == "content:" + key).ToListAsync()));
    }

    [Fact]
    public async Task A_draft_that_would_break_the_published_whole_is_not_published()
    {
        const string key = "national/faq";
        var (stamp, page) = await CurrentAsync(key);
        var draft = await SaveAsync(key, stamp, page with { Markdown = "见[不存在的页面](/regions/beijing/nowhere)。", SourceIds = ["ghost"] });

        var result = await PublishAsync(key, draft.Version!.Id);

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Contains("unknown source 'ghost'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("broken internal link", StringComparison.Ordinal));
        Assert.Equal(page.Title, (await CurrentAsync(key)).Page.Title);
    }

    [Fact]
    public async Task Markdown_with_script_or_javascript_links_renders_inert_once_published()
    {
        const string key = "fuzhou/overview";
        var (stamp, page) = await CurrentAsync(key);
        var draft = await SaveAsync(key, stamp, page with { Markdown = page.Markdown + "\n\n<script>alert(1)</script> [点我](javascript:alert(1))" });
        Assert.Equal(EditOutcome.Invalid, (await PublishAsync(key, draft.Version!.Id)).Outcome);

        var safe = await SaveAsync(key, (await CurrentAsync(key)).Stamp, page with { Markdown = page.Markdown + "\n\n<script>alert(1)</script>" });
        Assert.Equal(EditOutcome.Done, (await PublishAsync(key, safe.Version!.Id)).Outcome);

        var html = await _site.CreateClient().GetStringAsync("/regions/" + key.Split('/')[0]);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_starts_a_draft_from_an_old_version_and_publishing_it_restores_the_page()
    {
        const string key = "shanghai/overview";
        var (stamp, original) = await CurrentAsync(key);
        var first = await PublishAsync(key, (await SaveAsync(key, stamp, original with { Title = "改过的标题" })).Version!.Id);
        Assert.Equal(EditOutcome.Done, first.Outcome);
        var originalVersionId = await _site.WithDbAsync(db => db.Versions.Where(v => v.Record!.Key == key && v.Number == 1).Select(v => v.Id).SingleAsync());

        var rollback = await _site.WithEditorAsync(editor => editor.RollbackAsync(RecordKind.Page, key, originalVersionId, Guid.Empty, "editor@example.org", CancellationToken.None));
        Assert.Equal(EditOutcome.Conflict, rollback.Outcome);
        rollback = await _site.WithEditorAsync(async editor => await editor.RollbackAsync(RecordKind.Page, key, originalVersionId, (await CurrentAsync(key)).Stamp, "editor@example.org", CancellationToken.None));
        Assert.Equal(EditOutcome.Done, rollback.Outcome);
        Assert.Equal("改过的标题", (await CurrentAsync(key)).Page.Title);

        Assert.Equal(EditOutcome.Done, (await PublishAsync(key, rollback.Version!.Id)).Outcome);
        Assert.Equal(original.Title, (await CurrentAsync(key)).Page.Title);
        Assert.Equal(original.Title, _site.Services.GetRequiredService<PolicySnapshotProvider>().Current.FindPage("shanghai", "overview")!.Title);
    }

    [Fact]
    public async Task A_page_edit_that_leaves_a_source_cited_by_nothing_is_not_published()
    {
        const string key = "shanghai/cross-region";
        var source = new Source("page-only-source", "只有页面引用的测试来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceTier.Official, null);
        await _site.WithEditorAsync(editor => editor.CreateDraftAsync(RecordKind.Source, source.Id, null, Payloads.Serialize(source), "editor@example.org", null, CancellationToken.None));
        var (stamp, page) = await CurrentAsync(key);
        var citing = await SaveAsync(key, stamp, page with { SourceIds = [.. page.SourceIds, source.Id] });
        Assert.Equal(EditOutcome.Done, (await PublishAsync(key, citing.Version!.Id)).Outcome);

        var dropping = await SaveAsync(key, (await CurrentAsync(key)).Stamp, page);
        var refused = await PublishAsync(key, dropping.Version!.Id);

        Assert.Equal(EditOutcome.Invalid, refused.Outcome);
        Assert.Contains(refused.Problems, p => p.StartsWith("source:page-only-source", StringComparison.Ordinal));
        Assert.Contains(source.Id, (await CurrentAsync(key)).Page.SourceIds);
    }
}
