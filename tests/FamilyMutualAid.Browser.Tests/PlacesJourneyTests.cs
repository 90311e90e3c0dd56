using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>Finding one's city, comparing regions on a phone, and reading in 长辈版 (large text).</summary>
[Collection(BrowserGroup.Name)]
public sealed class PlacesJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    private static async Task AssertNoSeriousAxeIssueAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
    }

    /// <summary>How far the page scrolls sideways beyond the viewport (0 when nothing does).</summary>
    private static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [Fact]
    public Task A_resident_searches_suzhou_without_script_and_learns_it_uses_jiangsus_rules() =>
        RunAsync("places-search", async page =>
        {
            await page.GotoAsync("/regions");
            await page.GetByLabel("您（或家人）在哪个城市参保").FillAsync("sz");
            await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();

            await page.WaitForURLAsync("**/regions?q=sz");
            var results = page.Locator(".place-results");
            await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = "苏州市 · 江苏省" })).ToBeVisibleAsync();
            await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = "深圳市 · 广东省" })).ToBeVisibleAsync();
            await AssertNoSeriousAxeIssueAsync(page);
            Assert.Equal(0, await SidewaysOverflowAsync(page));
            await ScreenshotAsync(page, "regions-search-phone.png");

            await results.GetByRole(AriaRole.Link, new() { Name = "苏州市 · 江苏省" }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("苏州市没有单独的资料，按江苏省和全国的规则。");
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "place-suzhou-phone.png");
        });

    [Fact]
    public Task Suggestions_appear_as_you_type_pinyin_and_the_arrow_key_reaches_them() =>
        RunAsync("places-suggest", async page =>
        {
            await page.GotoAsync("/");
            var input = page.GetByLabel("您（或家人）在哪个城市参保");
            await input.PressSequentiallyAsync("suzhou");

            var suggestions = page.Locator("#place-q-suggestions");
            await Assertions.Expect(suggestions.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#place-q-status")).ToHaveTextAsync("有 2 个建议");
            await input.PressAsync("ArrowDown");
            await Assertions.Expect(suggestions.GetByRole(AriaRole.Link, new() { Name = "苏州市 · 江苏省" })).ToBeFocusedAsync();
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "home-suggestions-phone.png");
        });

    [Fact]
    public Task Comparing_four_regions_on_a_phone_shows_them_side_by_side_the_differences_first_and_all_rules_on_request() =>
        RunAsync("compare", async page =>
        {
            await page.GotoAsync("/compare?regions=shanghai,beijing,fuzhou,gansu");

            Assert.Equal(0, await SidewaysOverflowAsync(page));
            var firstRow = page.Locator("table.compare tbody tr").First;
            var tops = await firstRow.Locator("td").EvaluateAllAsync<double[]>("cells => cells.map(c => c.getBoundingClientRect().top)");
            Assert.Equal(4, tops.Length);
            Assert.All(tops, top => Assert.Equal(tops[0], top, 1));
            var rights = await firstRow.Locator("td").EvaluateAllAsync<double[]>("cells => cells.map(c => c.getBoundingClientRect().right)");
            Assert.All(rights, right => Assert.True(right <= 390, $"a cell ends at {right}px, past the 390px screen"));
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "compare-phone.png");

            var differentRows = await page.Locator("table.compare tbody tr").CountAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "全部规则" }).ClickAsync();
            await page.WaitForURLAsync("**show=all");
            var allRows = await page.Locator("table.compare tbody tr").CountAsync();
            Assert.InRange(differentRows, 1, allRows - 1);
            // With every rule shown, the differing ones are marked.
            Assert.Equal(differentRows, await page.Locator("table.compare tbody tr.differs").CountAsync());
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "compare-all-phone.png");
        });

    [Fact]
    public Task The_large_text_switch_enlarges_every_page_until_switched_back() =>
        RunAsync("large-text", async page =>
        {
            await page.GotoAsync("/regions?q=suzhou");
            var standardSize = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).fontSize)");
            await page.GetByRole(AriaRole.Link, new() { Name = "长辈版（大字）" }).ClickAsync();

            await page.WaitForURLAsync("**/regions?q=suzhou");
            await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("large-text");
            var (size, lineHeight) = await TextMetricsAsync(page, "main > p");
            Assert.True(size >= 22 && size > standardSize, $"body text is {size}px (standard {standardSize}px)");
            Assert.True(lineHeight / size >= 1.3, $"line spacing is {lineHeight / size:0.00}");
            var buttonHeight = await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).EvaluateAsync<double>("b => b.getBoundingClientRect().height");
            Assert.True(buttonHeight >= 56, $"the search button is {buttonHeight}px high");
            Assert.Equal(0, await SidewaysOverflowAsync(page));
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "regions-search-large-text-phone.png");

            await page.GotoAsync("/compare?regions=shanghai,beijing&only=differences");
            await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("large-text");
            var lefts = await page.Locator("table.compare tbody tr").First.Locator("td").EvaluateAllAsync<double[]>("cells => cells.map(c => c.getBoundingClientRect().left)");
            Assert.Equal(lefts[0], lefts[1], 1);
            Assert.Equal(0, await SidewaysOverflowAsync(page));
            await AssertNoSeriousAxeIssueAsync(page);
            await ScreenshotAsync(page, "compare-large-text-phone.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "标准版" }).ClickAsync();
            await page.WaitForURLAsync("**/compare?regions=shanghai*");
            Assert.Null(await page.Locator("html").GetAttributeAsync("class"));
        });

    private static async Task<(double Size, double LineHeight)> TextMetricsAsync(IPage page, string selector)
    {
        var metrics = await page.Locator(selector).First.EvaluateAsync<double[]>("e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }");
        return (metrics[0], metrics[1]);
    }
}
