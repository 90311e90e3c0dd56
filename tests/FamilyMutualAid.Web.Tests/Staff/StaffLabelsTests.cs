using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// The staff pages speak as residents and officers do: roles, actions and statuses in Chinese, regions and records by
/// their Chinese names, times in 北京时间; history compares the last change by default and sums up each version.
/// </summary>
/// <remarks>One site for the class: each test edits a record no other test here does (Beijing's cap, Shanghai's cap, Shanghai's relatives).</remarks>
public sealed class StaffLabelsTests(SharedStaffSite fixture) : IClassFixture<SharedStaffSite>
{
    private const string Password = "a long enough staff password";
    private readonly StaffSiteFactory _site = fixture.Site;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = _site.Browser();
        using var response = await StaffSiteFactory.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<HttpClient> AdminAsync()
    {
        await _site.CreateAdminAsync();
        return await SignedInAsync(StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
    }

    [Fact]
    public async Task Roles_are_named_in_chinese_on_the_home_and_users_pages_and_regions_are_ticked_by_name()
    {
        await _site.CreateUserAsync("sh@example.org", Password, "shanghai", StaffRoles.Publisher, StaffRoles.Editor);
        var editor = await SignedInAsync("sh@example.org", Password);
        var home = await Html.GetAsync(editor, "/staff");
        Assert.Contains("角色：编辑、发布人", home.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);

        var users = await Html.GetAsync(await AdminAsync(), "/staff/users");
        var row = users.QuerySelectorAll("table.versions tbody tr").Single(tr => tr.Children[0].TextContent == "sh@example.org");
        Assert.Equal("编辑、发布人", row.Children[1].TextContent);
        Assert.Equal("上海市", row.Children[2].TextContent);
        Assert.Equal("发布人（审核并发布）", users.QuerySelector("label[for='role-Publisher']")!.TextContent);
        Assert.Equal("上海市", users.QuerySelector("label[for='region-shanghai']")!.TextContent);
        Assert.Null(users.QuerySelector("input[type=text][name=Regions]"));
    }

    [Fact]
    public async Task The_audit_log_shows_actions_regions_and_records_in_chinese_at_beijing_time_in_a_focusable_scrolling_region()
    {
        var admin = await AdminAsync();
        var page = await Html.GetAsync(admin, "/staff/parameters/beijing/annual_cap_share");
        using var saved = await new FormFields(page.QuerySelector("form#record-form")!).Set("ParameterEdit.Rows[0].Value", "0.65").PostAsync(admin, "/staff/parameters/beijing/annual_cap_share", "SaveForm");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var audit = await Html.GetAsync(admin, "/staff/audit?region=beijing");

        var row = audit.QuerySelectorAll("table.audit tbody tr")[0];
        Assert.Equal("2026-12-01 10:00:00", row.Children[0].TextContent);
        Assert.Equal("保存草稿", row.Children[2].TextContent);
        Assert.Equal("北京市", row.Children[3].TextContent);
        Assert.Equal("规则 · 北京市 · 每年可共济金额占个人账户余额的上限", row.Children[4].TextContent);
        Assert.Contains("北京时间", audit.QuerySelector("table.audit thead")!.TextContent, StringComparison.Ordinal);
        var region = audit.QuerySelector("table.audit")!.ParentElement!;
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.False(string.IsNullOrEmpty(region.GetAttribute("aria-label")));
        Assert.Equal("北京市", audit.QuerySelector("select#region option[selected]")!.TextContent);
        Assert.Contains(audit.QuerySelectorAll("select#action option"), o => o.GetAttribute("value") == AuditActions.Publish && o.TextContent == "发布");
        Assert.All(audit.QuerySelectorAll("form.filter-form label"), label => Assert.NotNull(audit.GetElementById(label.GetAttribute("for")!)));
    }

    [Fact]
    public async Task History_is_titled_as_residents_see_it_compares_the_last_change_by_default_and_sums_up_each_version()
    {
        // Shanghai's cap: the audit test edits Beijing's, and this history must start from the imported version.
        const string url = "/staff/parameters/shanghai/annual_cap_share";
        var admin = await AdminAsync();
        var page = await Html.GetAsync(admin, url);
        using var saved = await new FormFields(page.QuerySelector("form#record-form")!)
            .Set("ParameterEdit.Rows[0].Value", "0.65").Set("ParameterEdit.Rows[0].Sources", "doc-003", "doc-001").Set("Note", "改为六成五")
            .PostAsync(admin, url, "SaveForm");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var history = await Html.GetAsync(admin, "/staff/history/shanghai/parameter/annual_cap_share");

        Assert.Equal("版本历史 · 上海市 · 每年可共济金额占个人账户余额的上限", history.QuerySelector("h1")!.TextContent);
        Assert.Equal("1", history.QuerySelector("select#from option[selected]")!.GetAttribute("value"));
        Assert.Equal("2", history.QuerySelector("select#to option[selected]")!.GetAttribute("value"));
        Assert.Contains(history.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("0.65", StringComparison.Ordinal));
        var versions = history.QuerySelectorAll("li.version");
        Assert.Equal("2025-04-01 起的值：取值、来源", versions[0].QuerySelector(".version-summary")!.TextContent);
        Assert.Equal("从文件导入的第一个版本", versions[1].QuerySelector(".version-summary")!.TextContent);
        Assert.Contains("草稿", versions[0].QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已发布", versions[1].QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:00（北京时间）", versions[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(versions[1].QuerySelector("form button"));
        Assert.Contains("从文件导入", versions[1].QuerySelector(".version-head")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("import", versions[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_starts_a_rule_of_its_own_chosen_by_name_as_a_draft_copying_what_it_inherits_today()
    {
        var admin = await AdminAsync();
        var region = await Html.GetAsync(admin, "/staff/regions/fuzhou");
        var option = region.QuerySelectorAll("select[name=NewParameter] option").Single(o => o.GetAttribute("value") == "relatives");
        Assert.Equal("可共济的亲属范围（现沿用全国的规则）", option.TextContent);
        var form = region.QuerySelector("form[action*=CreateParameter]")!;

        using var created = await new FormFields(form).Set("NewParameter", "relatives").PostAsync(admin, "/staff/regions/fuzhou", "CreateParameter");

        Assert.Equal("/staff/parameters/fuzhou/relatives?saved=1", created.Headers.Location?.OriginalString);
        var page = await Html.GetAsync(admin, "/staff/parameters/fuzhou/relatives");
        Assert.Equal("2026-12-01", page.QuerySelector("#ParameterEdit-Rows-0--From")!.GetAttribute("value"));
        Assert.Equal("allowed", page.QuerySelector("input[name='ParameterEdit.Rows[0].Codes[sibling]'][checked]")!.GetAttribute("value"));
        Assert.Equal("excluded", page.QuerySelector("input[name='ParameterEdit.Rows[0].Codes[other]'][checked]")!.GetAttribute("value"));
        Assert.Contains("请至少选择一个来源", page.QuerySelector("#ParameterEdit-Rows-0--sources-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(_site.Services.GetRequiredService<FamilyMutualAid.Web.Publishing.PolicySnapshotProvider>().Current.FindParameter("fuzhou", "relatives"));

        using var again = await new FormFields(form).Set("NewParameter", "relatives").PostAsync(admin, "/staff/regions/fuzhou", "CreateParameter");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("请从列表中选择", (await Html.ParseAsync(again)).QuerySelector("#new-parameter-error")!.TextContent, StringComparison.Ordinal);
    }
}
