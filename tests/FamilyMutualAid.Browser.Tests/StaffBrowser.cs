using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>Staff accounts and the steps every staff journey shares: signing in, and a second person approving a submission.</summary>
public static class StaffBrowser
{
    public const string Password = "a long browser staff passphrase";

    /// <summary>Creates an account with <paramref name="roles"/>, limited to <paramref name="regions"/> when given.</summary>
    public static async Task CreateAsync(BrowserFixture browser, string email, string? regions, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await using var scope = browser.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, Regions = regions ?? "" };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
            await users.AddToRoleAsync(user, role);
        }
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/staff");
        await page.GetByLabel("邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作台");
    }

    /// <summary>
    /// A publisher (a different person: nobody approves their own submission) signs in on a phone of their own, finds
    /// the submission named <paramref name="link"/> under 待审核, reads its diff and approves it.
    /// </summary>
    public static async Task ApproveAsync(BrowserFixture browser, string publisher, string link, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await JourneyBase.NewPhonePageAsync(browser);
        try
        {
            await SignInAsync(page, publisher);
            var waiting = page.Locator("#waiting").GetByRole(AriaRole.Link, new() { Name = link });
            await Assertions.Expect(waiting).ToBeVisibleAsync();
            await waiting.ClickAsync();
            await Assertions.Expect(page.Locator("pre.diff")).ToBeVisibleAsync();
            await Accessibility.AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, screenshot), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "审核通过并立即发布" }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("审核通过，已发布");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
