using System.Text.Json;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class RegionJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    [Fact]
    public async Task A_resident_types_shanghai_on_the_home_page_picks_the_suggestion_and_reads_its_page_in_chinese_glyphs()
    {
        await RunAsync("region-journey", async page =>
        {
            await page.GotoAsync("/");
            await page.GetByLabel("您（或家人）在哪个城市参保").PressSequentiallyAsync("shanghai");
            await page.Locator("#place-q-suggestions").GetByRole(AriaRole.Link, new() { Name = "上海市" }).ClickAsync();

            // The URL and the document, not the load event: once (CI, 2026-12-08, two cores busy) the load event of this
            // long page had not come 30 s after the page and its stylesheet had arrived; what is checked below waits by itself.
            await page.WaitForURLAsync("**/regions/shanghai", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            Assert.StartsWith("上海市", await heading.TextContentAsync(), StringComparison.Ordinal);

            var fonts = await RenderedFontsAsync(page, "h1");
            Assert.Contains(fonts, f => f.Contains("CJK", StringComparison.OrdinalIgnoreCase));
            await ScreenshotAsync(page, "shanghai-phone.png");
        });
    }

    /// <summary>The font families Chromium actually used to draw the element's text (not what CSS asked for).</summary>
    [Theory]
    [InlineData("shanghai")]
    [InlineData("hebei")]
    public async Task A_region_page_answers_on_the_first_phone_screen_with_its_three_buttons(string slug)
    {
        await RunAsync($"region-{slug}", async page =>
        {
            await page.GotoAsync($"/regions/{slug}");
            var quick = page.Locator(".quick-answer");
            await Assertions.Expect(quick.GetByText("和谁共济")).ToBeInViewportAsync();
            foreach (var name in new[] { "能否共济", "怎么办理", "怎么付" })
            {
                await Assertions.Expect(quick.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeInViewportAsync();
            }
            await Accessibility.AssertAccessibleAsync(page);
            await ScreenshotAsync(page, $"region-{slug}-first-screen.png", fullPage: false);
            var disagreement = page.Locator("details.disagreement").First;
            if (await disagreement.CountAsync() > 0)
            {
                await Assertions.Expect(disagreement.Locator("li").First).ToBeHiddenAsync();
                await disagreement.Locator("summary").ClickAsync();
                await Assertions.Expect(disagreement.Locator("li").First).ToBeVisibleAsync();
            }

            await page.GotoAsync($"/regions/{slug}/history");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "最近变化" })).ToBeInViewportAsync();
            await Accessibility.AssertAccessibleAsync(page);
            await ScreenshotAsync(page, $"region-{slug}-history.png", fullPage: false);
        });
    }

    private static async Task<IReadOnlyList<string>> RenderedFontsAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var nodeId = node!.Value.GetProperty("nodeId").GetInt32();
        var text = await cdp.SendAsync("DOM.describeNode", new Dictionary<string, object> { ["nodeId"] = nodeId, ["depth"] = 1 });
        var textNodeId = FirstTextChild(text!.Value) ?? nodeId;
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = textNodeId });
        return [.. fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString() ?? "")];
    }

    private static int? FirstTextChild(JsonElement description)
    {
        if (!description.GetProperty("node").TryGetProperty("children", out var children))
        {
            return null;
        }
        foreach (var child in children.EnumerateArray())
        {
            if (child.GetProperty("nodeType").GetInt32() == 3 && child.TryGetProperty("nodeId", out var id) && id.GetInt32() != 0)
            {
                return id.GetInt32();
            }
        }
        return null;
    }
}
