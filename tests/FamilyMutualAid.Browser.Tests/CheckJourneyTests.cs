using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed partial class CheckJourneyTests(BrowserFixture browser)
{
    private static async Task NextAsync(IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

    private static async Task ChooseAsync(IPage page, string label)
    {
        await page.GetByLabel(label, new() { Exact = true }).CheckAsync();
        await NextAsync(page);
    }

    /// <summary>Fails on any serious or critical accessibility violation axe finds on the page.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious));
    }

    [Fact]
    public async Task A_resident_walks_the_shanghai_check_changes_an_answer_and_prints_the_receipt()
    {
        var page = await browser.NewPhonePageAsync();
        try
        {
            await page.GotoAsync("/check");
            await AssertAccessibleAsync(page);
            await page.GetByLabel("出钱的一方（共济人）在哪里参保？").SelectOptionAsync(new SelectOptionValue { Label = "上海市" });
            await NextAsync(page);
            await ChooseAsync(page, "职工基本医疗保险");
            await AssertAccessibleAsync(page);
            await ChooseAsync(page, "正常参保");

            // A bad amount is explained beside the field, then corrected.
            await page.GetByLabel("出钱的一方个人账户现在大约有多少余额（元）？").FillAsync("三千");
            await NextAsync(page);
            await Assertions.Expect(page.Locator("#value-error")).ToContainTextAsync("请填写数字");
            await AssertAccessibleAsync(page);
            await page.GetByLabel("出钱的一方个人账户现在大约有多少余额（元）？").FillAsync("3000");
            await NextAsync(page);

            await ChooseAsync(page, "配偶");
            await ChooseAsync(page, "城乡居民基本医疗保险");
            await ChooseAsync(page, "正常参保");
            await ChooseAsync(page, "同一统筹地区");
            await ChooseAsync(page, "在定点医疗机构就医的个人负担费用");

            await page.WaitForURLAsync(ResultAddress());
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("可以共济");
            await AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "check-result-phone.png"), FullPage = true });

            await page.GetByRole(AriaRole.Link, new() { Name = "修改家人关系" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("配偶", new() { Exact = true })).ToBeCheckedAsync();
            await ChooseAsync(page, "其他亲属");
            await page.WaitForURLAsync(ResultAddress());
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("不能共济");
            Assert.Contains("balance=3000", page.Url, StringComparison.Ordinal);

            await page.GetByRole(AriaRole.Link, new() { Name = "打印决定回执" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("家庭共济检查回执");
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Assertions.Expect(page.Locator(".site-header nav")).ToBeHiddenAsync();
            var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
            await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "receipt.pdf"), pdf);
            Assert.Equal(1, Pdf.PageCount(pdf));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "failure-check-journey.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/check/result\?")]
    private static partial Regex ResultAddress();
}
