using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class BindingJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    [Fact]
    public async Task A_family_member_opens_the_shanghai_binding_guide_on_a_phone_and_prints_a_checklist_on_one_page()
    {
        await RunAsync("binding-journey", async page =>
        {
            await page.GotoAsync("/regions/shanghai");
            await page.GetByRole(AriaRole.Link, new() { Name = "怎么办理", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("怎样办理家庭共济");
            Assert.True(await page.Locator("section.channel").CountAsync() >= 2);
            var axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"the guide scrolls sideways on a phone: {width}px");
            await ScreenshotAsync(page, "binding-phone.png");

            await page.Locator("section.channel").First.GetByRole(AriaRole.Link, new() { Name = "打印材料清单" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("带齐这些材料");
            Assert.True(await page.Locator(".checklist-documents li").CountAsync() > 0);
            axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
            var pdf = await page.PdfAsync(new() { Format = "A4" });
            await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "checklist.pdf"), pdf);
            Assert.Equal(1, Pdf.PageCount(pdf));
        });
    }
}
