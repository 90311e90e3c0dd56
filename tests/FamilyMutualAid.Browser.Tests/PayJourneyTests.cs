using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class PayJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    [Fact]
    public async Task Someone_paying_a_bill_fills_the_form_on_a_phone_and_reads_the_split()
    {
        await RunAsync("pay-journey", async page =>
        {
            await page.GotoAsync("/pay");
            await page.GetByLabel("共济人在哪里参保").SelectOptionAsync(new SelectOptionValue { Label = "福州市" });
            await page.GetByLabel("在定点零售药店买药").CheckAsync();
            await page.GetByLabel("这次结算家人自己要付多少（元）").FillAsync("500");
            await page.GetByLabel("家人自己的个人账户余额（元）").FillAsync("0");
            await page.GetByLabel("共济人的个人账户余额（元）").FillAsync("2300");
            await page.GetByLabel("共济人今年已经共济出去多少（元）").FillAsync("-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();

            await Assertions.Expect(page.Locator("#sharedThisYear-error")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("共济人的个人账户余额（元）")).ToHaveValueAsync("2300");
            await page.GetByLabel("共济人今年已经共济出去多少（元）").FillAsync("0");
            await page.GetByRole(AriaRole.Button, new() { Name = "计算" }).ClickAsync();

            var summary = page.Locator(".split-summary");
            await Assertions.Expect(summary).ToContainTextAsync("共济资金付 300.00 元");
            await Assertions.Expect(summary).ToContainTextAsync("现金付 200.00 元");
            await Assertions.Expect(page.Locator(".split-bar")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".warnings")).ToContainTextAsync("未经证实");
            var axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await ScreenshotAsync(page, "pay-phone.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "打印这份计算" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("一笔费用怎么付");
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.Equal(1, Pdf.PageCount(await page.PdfAsync(new() { Format = "A4" })));
        });
    }
}
