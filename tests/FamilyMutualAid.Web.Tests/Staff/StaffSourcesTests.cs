using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Sources in the staff area: editing one, and adding one that goes live with the first record citing it.</summary>
public sealed class StaffSourcesTests : IDisposable
{
    private const string Password = "a long enough staff password";
    private const string NewSource = """
        beijing-notice-test:
          title: 测试用的北京共济额度说明
          publisher: 测试发布单位
          date: 2026-11-01
          tier: official
        """;

    // A site per test: tests edit the seeded source doc-000 and Beijing's cap and assert their version histories from version 1.
    private readonly StaffSiteFactory _site = new() { DirectPublishing = true };

    public void Dispose() => _site.Dispose();

    private Task<HttpClient> AdminAsync() => _site.SignedInAdminAsync();

    [Fact]
    public async Task An_edited_source_title_is_published_to_the_public_source_list_and_has_a_history()
    {
        const string url = "/staff/sources/all/doc-000";
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, url);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        Assert.StartsWith("doc-000:", yaml, StringComparison.Ordinal);

        using var saved = await StaffForms.PostYamlAsync(client, page, url, "Save", yaml.Replace("title: 上海医保卡怎么共享给家人", "title: 上海医保卡怎样共享给家人（问答）", StringComparison.Ordinal));
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, url), url, "Publish", "");

        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Contains("上海医保卡怎样共享给家人（问答）", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
        var history = await Html.GetAsync(client, "/staff/history/all/source/doc-000?from=1&to=2");
        Assert.Contains(history.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("（问答）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_source_waits_as_a_draft_and_goes_live_with_the_first_parameter_citing_it()
    {
        var client = await AdminAsync();
        using var created = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, "/staff/sources"), "/staff/sources", "Create", NewSource);
        Assert.Equal("/staff/sources/all/beijing-notice-test?saved=1", created.Headers.Location!.OriginalString);
        Assert.DoesNotContain("测试用的北京共济额度说明", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
        Assert.Contains("新来源", (await Html.GetAsync(client, "/staff/sources")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        const string sourceUrl = "/staff/sources/all/beijing-notice-test";
        using var alone = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, sourceUrl), sourceUrl, "Publish", "");
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("一起发布", (await Html.ParseAsync(alone)).QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);

        const string parameterUrl = "/staff/parameters/beijing/annual_cap_share";
        var parameter = await Html.GetAsync(client, parameterUrl);
        var yaml = parameter.QuerySelector("textarea[name=Yaml]")!.TextContent.Replace("sources: [doc-003]", "sources: [doc-003, beijing-notice-test]", StringComparison.Ordinal);
        using var saved = await StaffForms.PostYamlAsync(client, parameter, parameterUrl, "Save", yaml);
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, parameterUrl), parameterUrl, "Publish", "");

        Assert.Equal(parameterUrl + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Contains("测试用的北京共济额度说明", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
        Assert.Contains("测试用的北京共济额度说明", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);
        var audit = (await Html.GetAsync(client, "/staff/audit")).QuerySelector("main")!.TextContent;
        Assert.Contains("来源 · 测试用的北京共济额度说明", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_source_with_a_bad_field_or_a_taken_id_is_explained_and_not_created()
    {
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, "/staff/sources");

        using var bad = await StaffForms.PostYamlAsync(client, page, "/staff/sources", "Create", NewSource.Replace("tier: official", "tier: rumour", StringComparison.Ordinal));
        using var taken = await StaffForms.PostYamlAsync(client, page, "/staff/sources", "Create", NewSource.Replace("beijing-notice-test:", "doc-000:", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await Html.ParseAsync(bad)).QuerySelector("#yaml-error")!.TextContent;
        Assert.Contains("第 5 行", problem, StringComparison.Ordinal);
        Assert.Contains("tier", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("doc-000", (await Html.ParseAsync(taken)).QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("beijing-notice-test", (await Html.GetAsync(client, "/staff/sources")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/sources")]
    [InlineData("/staff/sources/all/doc-000")]
    [InlineData("/staff/history/all/source/doc-000")]
    public async Task Sources_are_for_staff_without_region_limits(string url)
    {
        await _site.CreateUserAsync("bj-editor@example.org", Password, "beijing", StaffRoles.Editor);
        var client = _site.Browser();
        using var signIn = await StaffSiteFactory.SignInAsync(client, "bj-editor@example.org", Password);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_source_is_not_reachable_under_a_region()
    {
        var client = await AdminAsync();

        using var response = await client.GetAsync("/staff/sources/beijing/doc-000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
