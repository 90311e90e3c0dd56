using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class RegionFirstScreenTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task A_region_page_opens_with_a_quick_answer_and_the_three_buttons_then_a_contents_list()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        var main = page.QuerySelector("main")!;
        var sections = main.Children.Where(e => e.LocalName is "section" or "nav" && e.ClassName != "breadcrumb").ToList();
        Assert.Equal("quick-answer", sections[0].ClassName);
        Assert.Equal("contents", sections[1].ClassName);
        var questions = sections[0].QuerySelectorAll("dt").Select(d => d.TextContent).ToList();
        Assert.Equal(["和谁共济", "谁的账户能用", "能付什么", "家人参保地", "怎么办理"], questions);
        Assert.Contains("配偶", sections[0].QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(sections[0].QuerySelectorAll("dd sup.cite"));
        var buttons = sections[0].QuerySelectorAll(".quick-actions a.button").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("能否共济", "/check?sharer_place=shanghai"), ("怎么办理", "/regions/shanghai/binding"), ("怎么付", "/pay?region=shanghai")], buttons);
        Assert.All(sections[1].QuerySelectorAll("a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
    }

    [Fact]
    public async Task A_disputed_rule_in_the_quick_answer_links_to_its_disagreement()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        var disputed = page.QuerySelector(".quick-answer a.disputed")!;
        var target = page.GetElementById(disputed.GetAttribute("href")!.TrimStart('#'))!;
        Assert.Equal("details", target.LocalName);
        Assert.Contains(target.QuerySelector(".topic")!.TextContent, disputed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_disagreement_is_shown_once_with_its_sides_folded()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        var disagreements = page.QuerySelectorAll("details.disagreement");
        Assert.NotEmpty(disagreements);
        var topics = disagreements.Select(d => d.QuerySelector("summary .topic")!.TextContent).ToList();
        Assert.Equal(topics.Count, topics.Distinct().Count());
        Assert.All(disagreements, d =>
        {
            Assert.Null(d.GetAttribute("open"));
            Assert.True(d.QuerySelectorAll("li").Length >= 2);
            Assert.Null(d.QuerySelector("summary li"));
        });
        Assert.Empty(page.QuerySelectorAll("article.disagreement"));
    }

    [Theory]
    [InlineData("/regions/shanghai")]
    [InlineData("/regions/national")]
    public async Task The_overview_points_to_the_disagreements_instead_of_listing_them_again(string address)
    {
        var page = await Html.GetAsync(_client, address);

        var overview = page.GetElementById("overview-title")!.ParentElement!;
        Assert.DoesNotContain(overview.QuerySelectorAll("h2, h3"), h => h.TextContent.Contains("说法不一", StringComparison.Ordinal));
        var links = overview.QuerySelectorAll("a[href^='#disagreement']").Select(a => a.GetAttribute("href")!.TrimStart('#')).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, id => Assert.NotNull(page.GetElementById(id)));
    }

    [Fact]
    public async Task A_page_without_local_rules_says_so_before_anything_else()
    {
        var page = await Html.GetAsync(_client, "/regions/hebei");

        var afterHeading = page.QuerySelector("main h1")!.NextElementSibling!;
        Assert.Contains("inherited-notice", afterHeading.ClassName, StringComparison.Ordinal);
        Assert.Contains("没有找到河北省自己的通知或说明", afterHeading.TextContent, StringComparison.Ordinal);
        Assert.Null((await Html.GetAsync(_client, "/regions/shanghai")).QuerySelector(".inherited-notice"));
    }

    [Fact]
    public async Task The_history_opens_with_the_latest_changes_by_date_and_source()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai/history");

        var recent = page.QuerySelector("section.recent")!;
        Assert.Equal("最近变化", recent.QuerySelector("h2")!.TextContent);
        Assert.Same(recent, page.QuerySelector("main section"));
        var items = recent.QuerySelectorAll(":scope > ol > li");
        Assert.InRange(items.Length, 1, 3);
        // The 2026 notice's date is when it was issued (reported), not when it took effect: worded as the source's date.
        Assert.StartsWith("2026年1月的资料", items[0].QuerySelector("strong")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(items[0].QuerySelector("sup.cite"));
        // 上海 had near relatives from 2024-12-09 (the national list): the notice's changes are new rules and a new ending.
        Assert.Contains(items[0].QuerySelectorAll("li"), li => li.TextContent.StartsWith("一人可否同时与多名家人共济", StringComparison.Ordinal));
        Assert.Contains(items.SelectMany(i => i.QuerySelectorAll("li")), li => li.TextContent.StartsWith("共济关系何时结束改为", StringComparison.Ordinal));
        // Newest first, and nothing from after today (the test clock is 2026-12-01).
        Assert.DoesNotContain(items, i => i.TextContent.Contains("2027年", StringComparison.Ordinal));
    }
}
