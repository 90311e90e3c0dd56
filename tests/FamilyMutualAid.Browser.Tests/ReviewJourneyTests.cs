using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Browser.Tests;

[Collection(BrowserGroup.Name)]
public sealed class ReviewJourneyTests(BrowserFixture browser) : JourneyBase(browser)
{
    private const string Email = "review-admin@example.org";
    private const string Password = "a long browser review passphrase";
    private const string Key = "shanghai/cross-region";

    [Fact]
    public async Task A_publisher_on_a_phone_finds_a_submission_on_the_staff_home_reads_its_diff_and_approves_it()
    {
        var title = "浏览器审核通过的上海异地标题";
        await using (var scope = Browser.Services.CreateAsyncScope())
        {
            var (code, message) = await CreateAdminCommand.CreateAsync(scope.ServiceProvider, Email, Password, CancellationToken.None);
            Assert.True(code == 0, message);
            var editor = scope.ServiceProvider.GetRequiredService<RecordEditor>();
            var record = (await editor.FindAsync(RecordKind.Page, Key, CancellationToken.None))!;
            var page = Payloads.Deserialize<ContentPage>(RecordEditor.Latest(record).Payload) with { Title = title };
            var draft = await editor.SaveDraftAsync(RecordKind.Page, Key, record.ConcurrencyStamp, Payloads.Serialize(page), "browser-editor@example.org", null, CancellationToken.None);
            var submitted = await scope.ServiceProvider.GetRequiredService<ReviewWorkflow>()
                .SubmitAsync(RecordKind.Page, Key, draft.Version!.Id, "browser-editor@example.org", "标题写得更清楚", CancellationToken.None);
            Assert.Equal(ReviewOutcome.Done, submitted.Outcome);
        }
        await RunAsync("review-journey", async phone =>
        {
            await phone.GotoAsync("/staff");
            await phone.GetByLabel("邮箱").FillAsync(Email);
            await phone.GetByLabel("密码").FillAsync(Password);
            await phone.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            var waiting = phone.GetByRole(AriaRole.Link, new() { Name = "页面：" + title });
            await Assertions.Expect(waiting).ToBeVisibleAsync();
            await Accessibility.AssertAccessibleAsync(phone);
            await ScreenshotAsync(phone, "staff-review-list-phone.png");

            await waiting.ClickAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("审核：" + title);
            await Assertions.Expect(phone.Locator("pre.diff .ins").First).ToContainTextAsync(title);
            await Accessibility.AssertAccessibleAsync(phone);
            await ScreenshotAsync(phone, "staff-review-phone.png");
            await phone.GetByRole(AriaRole.Button, new() { Name = "审核通过并立即发布" }).ClickAsync();
            await Assertions.Expect(phone.Locator(".notice")).ToContainTextAsync("审核通过，已发布");

            await phone.GotoAsync("/regions/shanghai/cross-region");
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        });
    }
}
