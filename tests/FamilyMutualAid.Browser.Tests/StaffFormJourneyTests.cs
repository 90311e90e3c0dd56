using FamilyMutualAid.Web.Data;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>A policy officer on a phone changes Fuzhou's relatives through the form, never seeing YAML, and residents see it.</summary>
[Collection(BrowserGroup.Name)]
public sealed class StaffFormJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    private const string Officer = "fuzhou-officer@example.org";
    private const string Publisher = "fuzhou-publisher@example.org";

    [Fact]
    public async Task An_officer_on_a_phone_gives_fuzhou_its_own_relatives_through_the_form_a_publisher_approves_and_residents_see_it()
    {
        await StaffBrowser.CreateAsync(Browser, Officer, "fuzhou", StaffRoles.Editor);
        await StaffBrowser.CreateAsync(Browser, Publisher, "fuzhou", StaffRoles.Publisher);
        await RunAsync("staff-form-journey", async page =>
        {
            await page.GotoAsync("/regions/fuzhou");
            var relatives = page.Locator(".fact", new() { Has = page.Locator("dt", new() { HasTextString = "可共济的亲属范围" }) });
            await Assertions.Expect(relatives.Locator(".code-lines")).ToContainTextAsync("明确不包括：其他亲属");

            await StaffBrowser.SignInAsync(page, Officer);
            await Assertions.Expect(page.GetByText("角色：编辑")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "福州市" }).ClickAsync();
            await page.GetByLabel("规则", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "可共济的亲属范围（现沿用全国的规则）" });
            await page.GetByRole(AriaRole.Button, new() { Name = "新建规则草稿" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("编辑规则：可共济的亲属范围");
            await Accessibility.AssertAccessibleAsync(page);

            var row = page.GetByRole(AriaRole.Group, new() { Name = "第 1 个值", Exact = false });
            var other = row.GetByRole(AriaRole.Group, new() { Name = "其他亲属", Exact = true });
            await Assertions.Expect(other.GetByLabel("资料说不可以")).ToBeCheckedAsync();
            await other.GetByLabel("资料说可以").CheckAsync();
            await row.GetByLabel("按标题筛选来源").FillAsync("家庭共济问答");
            await Assertions.Expect(row.GetByLabel("国务院办公厅关于职工医保门诊共济保障机制的指导意见", new() { Exact = false })).ToBeHiddenAsync();
            await row.GetByLabel("新华社转载的国家医保局家庭共济问答", new() { Exact = false }).CheckAsync();
            await row.GetByLabel("说明（可选，用自己的话写）").FillAsync("浏览器测试：福州的资料说其他亲属也可以共济。");
            await ScreenshotAsync(page, "staff-parameter-form-phone.png");

            await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("草稿已保存。");
            await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "发布已保存的草稿" })).ToHaveCountAsync(0);
            await page.GetByLabel("给审核人的说明（可选）").FillAsync("福州的资料说其他亲属也可以");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交审核", Exact = false }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("已提交审核，发布人员审核通过后发布。");
            var editPage = page.Url;
            await page.GotoAsync("/regions/fuzhou");
            await Assertions.Expect(relatives.Locator(".code-lines")).ToContainTextAsync("明确不包括：其他亲属");

            await StaffBrowser.ApproveAsync(Browser, Publisher, "规则：可共济的亲属范围", "staff-form-review-phone.png");
            await page.GotoAsync(editPage);

            await page.GetByRole(AriaRole.Link, new() { Name = "版本历史" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("版本历史 · 福州市 · 可共济的亲属范围");
            var rollback = page.GetByRole(AriaRole.Button, new() { Name = "以第 1 版新建草稿（回滚）" });
            await rollback.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(rollback).ToBeInViewportAsync();
            var box = await rollback.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"the rollback button is at {box?.X}+{box?.Width} on a 390 px screen");
            await Accessibility.AssertAccessibleAsync(page);
            await ScreenshotAsync(page, "staff-history-phone.png");

            // The public page may be kept by the browser for its max-age (60 s); a reload revalidates it with its ETag.
            await page.GotoAsync("/regions/fuzhou");
            await page.ReloadAsync();
            await Assertions.Expect(relatives.Locator(".code-lines")).ToContainTextAsync("其他亲属");
            await Assertions.Expect(relatives.Locator(".code-lines")).Not.ToContainTextAsync("明确不包括：其他亲属");
            await Assertions.Expect(relatives.Locator(".badge-inherited")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "staff-form-public-phone.png");
        });
    }
}
