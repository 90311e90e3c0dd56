using Deque.AxeCore.Playwright;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class StaffJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    private const string Email = "browser-admin@example.org";
    private const string Password = "a long browser test passphrase";
    private const string Publisher = "browser-publisher@example.org";

    [Fact]
    public async Task An_admin_logs_in_edits_a_shanghai_page_sees_the_live_preview_submits_it_and_sees_it_live_once_approved()
    {
        await using (var scope = Browser.Services.CreateAsyncScope())
        {
            var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, Email, Password, CancellationToken.None);
            Assert.True(code == 0, message);
        }
        await RunAsync("staff-journey", async page =>
        {
            await page.GotoAsync("/staff");
            await page.GetByLabel("邮箱").FillAsync(Email);
            await page.GetByLabel("密码").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作台");

            await page.GotoAsync("/staff/content/shanghai/faq");
            var body = page.GetByLabel("正文（Markdown，不允许 HTML；引用写作 [来源](/sources#编号)）");
            await body.PressAsync("Control+End");
            await body.PressSequentiallyAsync("\n\n**浏览器测试新增的说明**");
            await Assertions.Expect(page.Locator("#preview strong", new() { HasText = "浏览器测试新增的说明" })).ToBeVisibleAsync();
            var axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

            await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("草稿已保存。");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交审核", Exact = false }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("已提交审核，发布人员审核通过后发布。");
            await StaffBrowser.CreateAsync(Browser, Publisher, null, StaffRoles.Publisher);
            await StaffBrowser.ApproveAsync(Browser, Publisher, "上海家庭共济常见问题", "staff-page-review-phone.png");
            await page.ReloadAsync();
            await page.GetByText("停用", new() { Exact = true }).First.ClickAsync();
            await Assertions.Expect(page.GetByLabel("我确认要停用")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "staff-edit-phone.png");

            await page.GotoAsync("/regions/shanghai/faq");
            await Assertions.Expect(page.Locator(".prose strong", new() { HasText = "浏览器测试新增的说明" })).ToBeVisibleAsync();

            await page.GotoAsync("/staff/freshness");
            await page.GetByRole(AriaRole.Link, new() { Name = "上海的共济资金能不能缴商业健康保险" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("编辑分歧：上海的共济资金能不能缴商业健康保险");
            await Assertions.Expect(page.GetByLabel("分歧（YAML）")).ToContainTextAsync("resolution: check_locally");
            axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await ScreenshotAsync(page, "staff-disagreement-phone.png");

            await page.GotoAsync("/staff/regions/shanghai");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "上海的共济资金能不能在药店用" })).ToBeVisibleAsync();
            axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await ScreenshotAsync(page, "staff-region-phone.png");

            await page.GotoAsync("/staff/sources");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "上海医保卡怎么共享给家人" })).ToBeVisibleAsync();
            axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await ScreenshotAsync(page, "staff-sources-phone.png");

            // The audit table is wider than a phone: it scrolls in a region keyboard users can focus.
            await page.GotoAsync("/staff/audit");
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "登录", Exact = true }).First).ToBeVisibleAsync();
            var table = page.GetByRole(AriaRole.Region, new() { Name = "审计记录（可左右滚动）" });
            await table.FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            // Chromium animates keyboard scrolling (smooth scrolling), so the offset moves over the next frames: wait for
            // it (reading it at once failed under load) and fail only if it never moves.
            try
            {
                await page.WaitForFunctionAsync("e => e.scrollLeft > 0", await table.ElementHandleAsync(), new() { Timeout = 5000 });
            }
            catch (TimeoutException)
            {
                Assert.Fail("the audit table does not scroll with the keyboard");
            }
            axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
            await ScreenshotAsync(page, "staff-audit-phone.png");
        });
    }
}
