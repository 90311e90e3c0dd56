using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Publishing;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Dates as staff type them: the four ways officers write a date, and what is not a date.</summary>
public sealed class TypedDateTests
{
    [Theory]
    [InlineData("2024-10-01")]
    [InlineData("2024.10.01")]
    [InlineData("2024/10/1")]
    [InlineData("2024年10月1日")]
    [InlineData(" 2024 年 10 月 1 日 ")]
    [InlineData("2024-10-1")]
    public void Every_way_officers_write_a_date_is_read(string typed) =>
        Assert.Equal(new DateOnly(2024, 10, 1), TypedDate.Parse(typed));

    [Theory]
    [InlineData("")]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("2024.10/01")]
    [InlineData("24-10-01")]
    [InlineData("十月一日")]
    [InlineData("2024年10月")]
    public void What_is_not_a_day_is_not_read(string typed) => Assert.Null(TypedDate.Parse(typed));
}

/// <summary>
/// The source form: any editor (a region-limited one too) registers a source in Chinese fields, every problem is shown
/// beside its field with the text kept, and from a rule's form 新增来源 keeps what was typed and comes back with the
/// source ticked; the approval of the rule publishes the source.
/// </summary>
public sealed class StaffSourceFormTests : IDisposable
{
    private const string JiangsuEditor = "js-editor@example.org";
    private const string NewUrl = "/staff/sources/new";
    private const string AllowedUsesUrl = "/staff/parameters/jiangsu/allowed_uses";

    // A site per test: tests create sources and drafts and look for them by title.
    private readonly StaffSiteFactory _site = new();

    public StaffSourceFormTests(ITestOutputHelper output) => _site.LogTo(output);

    public void Dispose() => _site.Dispose();

    private async Task<HttpClient> JiangsuEditorAsync()
    {
        await _site.CreateUserAsync(JiangsuEditor, Password, "jiangsu", StaffRoles.Editor);
        return await SignedInAsync(_site, JiangsuEditor);
    }

    private static FormFields SourceFields(IDocument page, string title, string date, string tier = "official", string region = "jiangsu") =>
        new FormFields(page.QuerySelector("form.source-form")!)
            .Set("SourceEdit.Title", title)
            .Set("SourceEdit.Publisher", "江苏省医疗保障局")
            .Set("SourceEdit.Date", date)
            .Set("SourceEdit.Tier", tier)
            .Set("SourceEdit.SeenAt", "https://ybj.jiangsu.gov.cn/art/2024/10/1/test.html")
            .Set("SourceEdit.Region", region);

    private Task<PolicyRecord?> SourceRecordAsync(string title) =>
        _site.WithDbAsync(async db => (await db.Records.Include(r => r.Versions).Where(r => r.Kind == RecordKind.Source).ToListAsync())
            .FirstOrDefault(r => Payloads.Deserialize<Source>(RecordEditor.Latest(r).Payload).Title == title));

    [Fact]
    public async Task A_region_limited_editor_registers_a_source_in_chinese_fields_as_a_draft()
    {
        var editor = await JiangsuEditorAsync();
        var page = await Html.GetAsync(editor, NewUrl);
        var tiers = page.QuerySelectorAll("input[name='SourceEdit.Tier']").Select(r => r.ParentElement!.TextContent).ToList();
        Assert.Equal(Enum.GetValues<SourceTier>().Length, tiers.Count);
        Assert.Contains(tiers, t => t.Contains(PolicyText.Tier(SourceTier.Repost), StringComparison.Ordinal) && t.Contains(PolicyText.TierMeaning(SourceTier.Repost), StringComparison.Ordinal));
        // Only their own region, or none.
        Assert.Equal(["", "jiangsu"], page.QuerySelectorAll("select[name='SourceEdit.Region'] option").Select(o => o.GetAttribute("value")!));

        using var saved = await SourceFields(page, "江苏省医保局关于扩大共济范围的通知（测试）", "2024年10月1日").PostAsync(editor, NewUrl);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith(NewUrl + "?created=", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("已保存为草稿", (await Html.GetAsync(editor, saved.Headers.Location.OriginalString)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var record = await SourceRecordAsync("江苏省医保局关于扩大共济范围的通知（测试）");
        Assert.NotNull(record);
        var draft = RecordEditor.Draft(record);
        Assert.NotNull(draft);
        Assert.Null(RecordEditor.Published(record));
        var source = Payloads.Deserialize<Source>(draft.Payload);
        Assert.Equal((new DateOnly(2024, 10, 1), SourceTier.Official, "江苏省医疗保障局", "jiangsu", "ybj.jiangsu.gov.cn/art/2024/10/1/test.html"),
            (source.Date, source.Tier, source.Publisher, source.Region, source.SeenAt));
        Assert.Equal(JiangsuEditor, draft.Author);
        // The public list does not show it before a record citing it is approved.
        Assert.DoesNotContain("扩大共济范围的通知（测试）", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_said_in_chinese_beside_its_field_and_the_typed_text_stays()
    {
        var editor = await JiangsuEditorAsync();
        var page = await Html.GetAsync(editor, NewUrl);
        // Today on the site's clock is 2026-12-01 in Beijing.
        var fields = SourceFields(page, "", "2026-12-02", tier: "", region: "beijing").Set("SourceEdit.Note", "第三条第二款");

        using var refused = await fields.PostAsync(editor, NewUrl);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        string? Beside(string field) => shown.QuerySelector($"#SourceEdit-{field}-error")?.TextContent;
        Assert.Contains("标题", Beside("Title"), StringComparison.Ordinal);
        Assert.Contains("2026年12月1日", Beside("Date"), StringComparison.Ordinal);
        Assert.Contains("资料的类型", Beside("Tier"), StringComparison.Ordinal);
        Assert.Contains("自己负责的地区", Beside("Region"), StringComparison.Ordinal);
        Assert.Equal("2026-12-02", shown.QuerySelector("#SourceEdit-Date")!.GetAttribute("value"));
        Assert.Equal("江苏省医疗保障局", shown.QuerySelector("#SourceEdit-Publisher")!.GetAttribute("value"));
        Assert.Equal("第三条第二款", shown.QuerySelector("#SourceEdit-Note")!.TextContent);
        Assert.Equal(4, shown.QuerySelectorAll("#form-problems li").Length);
        Assert.Equal(0, await _site.WithDbAsync(db => db.Records.CountAsync(r => r.Kind == RecordKind.Source && r.Key.StartsWith("jiangsu-2026"))));
    }

    [Theory]
    [InlineData("2024.10.01")]
    [InlineData("2024/10/1")]
    [InlineData("2026-12-01")]
    public async Task A_date_written_any_usual_way_up_to_today_is_accepted(string date)
    {
        var editor = await JiangsuEditorAsync();

        using var saved = await SourceFields(await Html.GetAsync(editor, NewUrl), "日期写法测试 " + date, date).PostAsync(editor, NewUrl);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var record = await SourceRecordAsync("日期写法测试 " + date);
        Assert.Equal(TypedDate.Parse(date), Payloads.Deserialize<Source>(RecordEditor.Latest(record!).Payload).Date);
    }

    [Fact]
    public async Task Without_a_date_the_form_asks_what_is_known_of_it()
    {
        var editor = await JiangsuEditorAsync();
        var page = await Html.GetAsync(editor, NewUrl);

        using var refused = await SourceFields(page, "没有日期的指南", "").Set("SourceEdit.NoDate", "true").PostAsync(editor, NewUrl);
        using var saved = await SourceFields(page, "没有日期的指南", "").Set("SourceEdit.NoDate", "true").Set("SourceEdit.DateNote", "页面没有日期，2026年11月查看时已发布").PostAsync(editor, NewUrl);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("所知道的", (await Html.ParseAsync(refused)).QuerySelector("#SourceEdit-DateNote-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var source = Payloads.Deserialize<Source>(RecordEditor.Latest((await SourceRecordAsync("没有日期的指南"))!).Payload);
        Assert.Equal((null, "页面没有日期，2026年11月查看时已发布"), (source.Date, source.DateNote));
    }

    [Fact]
    public async Task From_a_rule_new_source_keeps_the_typed_text_comes_back_ticked_and_is_published_with_the_rule()
    {
        var editor = await JiangsuEditorAsync();
        await _site.CreateUserAsync(Publisher, Password, "", StaffRoles.Publisher);
        var publisher = await SignedInAsync(_site, Publisher);
        var rule = await Html.GetAsync(editor, AllowedUsesUrl);
        var button = rule.QuerySelector("#ParameterEdit-Rows-0--sources button.new-source")!;
        Assert.Equal("新增来源", button.TextContent.Trim());
        var fields = new FormFields(rule.QuerySelector("#record-form")!)
            .Set("ParameterEdit.Rows[0].Note", "江苏省医保局2024年10月的通知：可以给家人付门诊费用。")
            .Set(button.GetAttribute("name")!, button.GetAttribute("value")!);

        using var toNewSource = await fields.PostAsync(editor, button.GetAttribute("formaction")!);

        Assert.Equal(HttpStatusCode.Redirect, toNewSource.StatusCode);
        var newUrl = toNewSource.Headers.Location!.OriginalString;
        Assert.StartsWith(NewUrl + "?return=", newUrl, StringComparison.Ordinal);
        // What was typed is in the saved draft already.
        Assert.Contains("可以给家人付门诊费用", (await Html.GetAsync(editor, AllowedUsesUrl)).QuerySelector("#record-form")!.TextContent, StringComparison.Ordinal);
        using var created = await SourceFields(await Html.GetAsync(editor, newUrl), "江苏省医保局关于共济用途的通知（测试）", "2024-10-01").PostAsync(editor, newUrl);
        var back = created.Headers.Location!.OriginalString;
        Assert.StartsWith(AllowedUsesUrl + "?cite=", back, StringComparison.Ordinal);
        var id = (await SourceRecordAsync("江苏省医保局关于共济用途的通知（测试）"))!.Key;

        var returned = await Html.GetAsync(editor, back);

        Assert.Equal("checked", returned.QuerySelector($"#ParameterEdit-Rows-0--sources input[value='{id}']")!.GetAttribute("checked"));
        Assert.Contains("可以给家人付门诊费用", returned.QuerySelector("#ParameterEdit-Rows-0--note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已保存为草稿，并在下面勾选", returned.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using (var saved = await new FormFields(returned.QuerySelector("#record-form")!).PostAsync(editor, AllowedUsesUrl, "SaveForm"))
        {
            Assert.Equal(AllowedUsesUrl + "?saved=1", saved.Headers.Location!.OriginalString);
        }
        await SubmitAsync(editor, AllowedUsesUrl, "新通知");
        var (review, _) = await FirstWaitingAsync(publisher);
        using var approved = await PostFormAsync(publisher, review, "form[action*='handler=Approve']");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("江苏省医保局关于共济用途的通知（测试）", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
        Assert.NotNull(RecordEditor.Published((await SourceRecordAsync("江苏省医保局关于共济用途的通知（测试）"))!));
    }

    [Fact]
    public async Task The_yaml_view_of_sources_stays_for_unrestricted_staff_with_chinese_messages()
    {
        var admin = await _site.SignedInAdminAsync();
        var page = await Html.GetAsync(admin, "/staff/sources");
        Assert.NotNull(page.QuerySelector("a[href='/staff/sources/new']"));
        Assert.NotNull(page.QuerySelector("details.advanced form.editor"));

        using var bad = await StaffForms.PostYamlAsync(admin, page, "/staff/sources", "Create", "just a line");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await Html.ParseAsync(bad)).QuerySelector("#yaml-error")!.TextContent;
        Assert.Contains("编号加冒号", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("expected", problem, StringComparison.Ordinal);
    }
}

/// <summary>Editing a published source in the same Chinese form (YAML under 高级), and the unsaved-edits warning of the staff forms.</summary>
public sealed class StaffSourceEditFormTests : IDisposable
{
    private const string Url = "/staff/sources/all/doc-000";
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task An_unrestricted_editor_edits_a_source_in_the_form_and_its_file_is_kept()
    {
        var admin = await _site.SignedInAdminAsync();
        var page = await Html.GetAsync(admin, Url);
        var form = page.QuerySelector("#record-form")!;
        Assert.NotNull(page.QuerySelector("details.advanced textarea[name=Yaml]"));
        var before = Payloads.Deserialize<Source>(RecordEditor.Latest((await _site.WithEditorAsync(e => e.FindAsync(RecordKind.Source, "doc-000", CancellationToken.None)))!).Payload);
        Assert.Equal(before.Title, form.QuerySelector("#SourceEdit-Title")!.GetAttribute("value"));

        using var refused = await new FormFields(form).Set("SourceEdit.Date", "2042.10.01").PostAsync(admin, Url, "SaveSource");
        using var saved = await new FormFields(form).Set("SourceEdit.Title", before.Title + "（表单修改）").PostAsync(admin, Url, "SaveSource");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await Html.ParseAsync(refused);
        Assert.Contains("之后", refusedPage.QuerySelector("#SourceEdit-Date-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2042.10.01", refusedPage.QuerySelector("#SourceEdit-Date")!.GetAttribute("value"));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await Html.ParseAsync(saved)).QuerySelector("main")?.TextContent);
        Assert.Equal(Url + "?saved=1", saved.Headers.Location!.OriginalString);
        var after = Payloads.Deserialize<Source>(RecordEditor.Latest((await _site.WithEditorAsync(e => e.FindAsync(RecordKind.Source, "doc-000", CancellationToken.None)))!).Payload);
        Assert.Equal(before with { Title = before.Title + "（表单修改）" }, after);
    }

    [Fact]
    public async Task The_rule_form_reads_a_date_written_the_chinese_way_and_saves_it_as_the_files_write_it()
    {
        const string url = "/staff/parameters/jiangsu/allowed_uses";
        var admin = await _site.SignedInAdminAsync();
        var form = (await Html.GetAsync(admin, url)).QuerySelector("#record-form")!;

        using var saved = await new FormFields(form).Set("ParameterEdit.Rows[0].From", "2025年7月22日").PostAsync(admin, url, "SaveForm");

        Assert.Equal(url + "?saved=1", saved.Headers.Location!.OriginalString);
        var yaml = (await Html.GetAsync(admin, url)).QuerySelector("textarea[name=Yaml]")!.TextContent;
        Assert.Contains("2025-07-22:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-07-23:", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/sources/new")]
    [InlineData("/staff/sources/all/doc-000")]
    [InlineData("/staff/parameters/beijing/annual_cap_share")]
    [InlineData("/staff/content/beijing/overview")]
    public async Task Staff_forms_warn_before_leaving_unsaved_edits_and_work_without_script(string url)
    {
        var admin = await _site.SignedInAdminAsync();

        var page = await Html.GetAsync(admin, url);

        var form = page.QuerySelector("form[data-unsaved-warning]");
        Assert.NotNull(form);
        Assert.Equal("post", form.GetAttribute("method"));
        // The script is served fingerprinted (/js/unsaved-warning.<hash>.js) by MapStaticAssets.
        var src = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).Single(s => s.StartsWith("/js/unsaved-warning", StringComparison.Ordinal));
        var script = await _site.CreateClient().GetStringAsync(src);
        Assert.Contains("beforeunload", script, StringComparison.Ordinal);
    }
}
