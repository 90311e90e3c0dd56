using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

/// <summary>The regional content shows its disagreements, unconfirmed claims, history and comparisons.</summary>
[Collection(SiteGroup.Name)]
public sealed class PolicyContentPagesTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Shanghai_page_shows_the_pharmacy_disagreement_with_both_sources_and_says_to_check_locally()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        var pharmacy = page.QuerySelectorAll("details.disagreement").SingleOrDefault(d => d.QuerySelector("summary .topic")!.TextContent.Contains("药店", StringComparison.Ordinal));
        Assert.NotNull(pharmacy);
        var claims = pharmacy.QuerySelectorAll("li");
        Assert.Equal(2, claims.Length);
        Assert.All(claims, c => Assert.NotEmpty(c.QuerySelectorAll("sup.cite")));
        Assert.Contains("请向当地医保部门核实", pharmacy.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(pharmacy.GetAttribute("open"));
    }

    [Fact]
    public async Task Beijing_page_marks_the_60_percent_cap_unconfirmed()
    {
        var page = await Html.GetAsync(_client, "/regions/beijing");

        var cap = page.QuerySelectorAll(".fact").Single(f => f.QuerySelector(".value")!.TextContent == "60%");
        Assert.Contains("unconfirmed", cap.ClassList);
        Assert.Equal("未经证实", cap.QuerySelector(".badge-unconfirmed")?.TextContent);
    }

    [Fact]
    public async Task Compare_page_lists_each_chosen_regions_values_side_by_side()
    {
        var page = await Html.GetAsync(_client, "/compare?regions=shanghai,beijing,fuzhou");

        var headers = page.QuerySelectorAll("table.compare thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["上海市", "北京市", "福州市"], headers);
        var capRow = page.QuerySelectorAll("table.compare tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Contains("占个人账户余额", StringComparison.Ordinal));
        var cells = capRow.QuerySelectorAll("td").Select(CellValue).ToList();
        Assert.StartsWith("70%", cells[0].Trim(), StringComparison.Ordinal);
        Assert.StartsWith("60%", cells[1].Trim(), StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".footnotes li"));
    }

    /// <summary>A comparison cell's value: its text without the region name repeated for phones, citations and badges, whitespace collapsed.</summary>
    private static string CellValue(AngleSharp.Dom.IElement cell)
    {
        var copy = (AngleSharp.Dom.IElement)cell.Clone();
        foreach (var label in copy.QuerySelectorAll(".cell-region, .cite, .badge"))
        {
            label.Remove();
        }
        // A list cell has a line per ruling: what the cell says is its words, not the layout around the removed badges.
        return string.Join(" ", copy.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Only_differences_shows_just_the_rows_where_the_regions_differ()
    {
        var all = await Html.GetAsync(_client, "/compare?regions=shanghai,beijing");
        var different = await Html.GetAsync(_client, "/compare?regions=shanghai,beijing&only=differences");

        static List<(string Label, List<string> Cells)> Rows(AngleSharp.Dom.IDocument page) =>
            [.. page.QuerySelectorAll("table.compare tbody tr").Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelectorAll("td").Select(CellValue).Select(v => v.Trim()).ToList()))];
        var allRows = Rows(all);
        var shown = Rows(different);
        Assert.NotEmpty(shown);
        Assert.True(shown.Count < allRows.Count, "some rules are the same in Shanghai and Beijing");
        Assert.All(shown, row => Assert.NotEqual(row.Cells[0], row.Cells[1]));
        Assert.Equal(allRows.Where(r => r.Cells[0] != r.Cells[1]).Select(r => r.Label), shown.Select(r => r.Label));
        Assert.Equal("true", different.QuerySelector(".compare-switch a[href$='only=differences']")?.GetAttribute("aria-current"));
        Assert.Equal("/compare?regions=shanghai%2Cbeijing", different.QuerySelector(".compare-switch a:not([aria-current])")?.GetAttribute("href"));
        Assert.Contains($"{allRows.Count - shown.Count}条", different.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compare_form_keeps_the_only_differences_switch()
    {
        using var response = await _client.GetAsync("/compare?r=shanghai&r=beijing&only=differences");

        Assert.Equal("/compare?regions=shanghai%2Cbeijing&only=differences", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/compare?regions=shanghai", "2到4个")]
    [InlineData("/compare?regions=shanghai,beijing,fuzhou,henan,gansu", "2到4个")]
    [InlineData("/compare?regions=shanghai,%3Cscript%3E", "没有找到")]
    public async Task Compare_with_a_bad_choice_explains_the_problem_beside_the_field(string url, string message)
    {
        using var response = await _client.GetAsync(url);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector(".compare-form .field-error")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compare_form_redirects_to_a_shareable_address()
    {
        using var response = await _client.GetAsync("/compare?r=shanghai&r=beijing&r=&r=");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compare?regions=shanghai%2Cbeijing", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Rule_history_keeps_superseded_national_values_and_marks_the_current_one()
    {
        var page = await Html.GetAsync(_client, "/regions/hebei/history");

        // 河北's own listed value is current; the national values it inherits before that stay, the old ones superseded.
        var sections = page.QuerySelectorAll("section.history").Where(s => s.QuerySelector("h2")!.TextContent == "可共济的亲属范围").ToList();
        Assert.Single(sections.SelectMany(s => s.QuerySelectorAll("li.current")));
        var national = sections.Single(s => s.QuerySelector("p.inherited") is not null);
        Assert.NotEmpty(national.QuerySelectorAll("li.superseded .badge-superseded"));
        // The 2021 guideline's date is reported (when it was issued, not when it took effect): worded by its month.
        Assert.Contains("据2021年4月的资料", national.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_page_lists_the_facts_that_rely_on_each_source()
    {
        var page = await Html.GetAsync(_client, "/sources");

        var doc003 = page.GetElementById("doc-003");
        Assert.NotNull(doc003);
        Assert.Contains(doc003.QuerySelectorAll("details li"), li => li.TextContent.Contains("北京市", StringComparison.Ordinal));
        Assert.Contains("网上问答文章", doc003.QuerySelector(".source-facts")!.TextContent, StringComparison.Ordinal);
    }
}
