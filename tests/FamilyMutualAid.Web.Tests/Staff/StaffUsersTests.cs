using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Pages.Staff;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Editing an account: it loads as it is, unticked boxes never widen it to every region, a typed password is set or refused, and an admin cannot give themself a role.</summary>
public sealed class StaffUsersTests : IDisposable
{
    private const string JiangsuEditor = "js-editor@example.org";
    // A site per test: tests change accounts and read them back.
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<(HttpClient Admin, AngleSharp.Dom.IElement Form)> EditJiangsuEditorAsync()
    {
        await _site.CreateUserAsync(JiangsuEditor, Password, "jiangsu", StaffRoles.Editor);
        var admin = _site.Browser();
        using (var signIn = await StaffSiteFactory.SignInAsync(admin, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        var page = await Html.GetAsync(admin, "/staff/users?email=" + Uri.EscapeDataString(JiangsuEditor));
        return (admin, page.QuerySelector("form.staff-form")!);
    }

    private Task<StaffUser> AccountAsync(string email) => _site.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));

    [Fact]
    public async Task Editing_an_account_shows_its_current_roles_and_regions_and_saving_unchanged_keeps_them()
    {
        var (admin, form) = await EditJiangsuEditorAsync();
        var fields = new FormFields(form);
        Assert.Equal([StaffRoles.Editor], fields.Values("Roles"));
        Assert.Equal(["jiangsu"], fields.Values("Regions"));
        Assert.Equal(["listed"], fields.Values("Scope"));

        using var saved = await fields.PostAsync(admin, "/staff/users");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("jiangsu", (await AccountAsync(JiangsuEditor)).Regions);
        Assert.DoesNotContain(await _site.WithDbAsync(db => db.Audit.Select(a => a.Action).ToListAsync()), a => a is AuditActions.RoleRevoked or AuditActions.RegionsChanged);
    }

    [Fact]
    public async Task Unticking_every_region_is_refused_instead_of_widening_the_account_to_every_region()
    {
        var (admin, form) = await EditJiangsuEditorAsync();

        using var refused = await new FormFields(form).Set("Regions").PostAsync(admin, "/staff/users");
        using var noChoice = await new FormFields(form).Set("Scope").PostAsync(admin, "/staff/users");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("至少勾选一个地区", (await Html.ParseAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noChoice.StatusCode);
        Assert.Contains("请选择可处理的地区", (await Html.ParseAsync(noChoice)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("jiangsu", (await AccountAsync(JiangsuEditor)).Regions);
    }

    [Fact]
    public async Task Every_region_is_given_only_by_choosing_it()
    {
        var (admin, form) = await EditJiangsuEditorAsync();

        using var saved = await new FormFields(form).Set("Regions").Set("Scope", "all").PostAsync(admin, "/staff/users");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("", (await AccountAsync(JiangsuEditor)).Regions);
    }

    [Fact]
    public async Task A_typed_password_is_set_or_refused_with_the_reason()
    {
        var (admin, form) = await EditJiangsuEditorAsync();

        using var refused = await new FormFields(form).Set("Password", "short").PostAsync(admin, "/staff/users");
        using var saved = await new FormFields(form).Set("Password", "a brand new staff passphrase").PostAsync(admin, "/staff/users");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("没有修改密码", (await Html.ParseAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var oldPassword = await StaffSiteFactory.SignInAsync(_site.Browser(), JiangsuEditor, Password);
        using var newPassword = await StaffSiteFactory.SignInAsync(_site.Browser(), JiangsuEditor, "a brand new staff passphrase");
        Assert.NotEqual(HttpStatusCode.Redirect, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_grant_themself_publisher_to_approve_their_own_change()
    {
        var (admin, _) = await EditJiangsuEditorAsync();
        var own = (await Html.GetAsync(admin, "/staff/users?email=" + Uri.EscapeDataString(StaffSiteFactory.AdminEmail))).QuerySelector("form.staff-form")!;
        var fields = new FormFields(own);

        using var refused = await fields.Set("Roles", [.. fields.Values("Roles"), StaffRoles.Publisher]).PostAsync(admin, "/staff/users");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不能给自己授予发布人", (await Html.ParseAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.RoleGranted && a.Detail == StaffRoles.Publisher)));
        Assert.False(await _site.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Email == StaffSiteFactory.AdminEmail)) is var me
            && await db.UserRoles.AnyAsync(r => r.UserId == me.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == StaffRoles.Publisher))));
    }
}

/// <summary>Page kinds as officers name them on a region's staff page, never their codes.</summary>
public sealed class StaffPageKindTests(SharedStaffSite fixture) : IClassFixture<SharedStaffSite>
{
    [Theory]
    [InlineData("overview", "概览")]
    [InlineData("faq", "常见问题")]
    [InlineData("binding", "办理指南")]
    [InlineData("cross-region", "异地共济")]
    [InlineData("family-account", "亲情账户与家庭共济")]
    [InlineData("channel", "办理渠道")]
    [InlineData("channel/jiangsu-app", "办理渠道")]
    public void A_page_kind_is_named_in_chinese(string kind, string name) => Assert.Equal(name, StaffText.PageKindName(kind));

    [Fact]
    public async Task A_regions_staff_page_shows_page_kinds_in_chinese_only()
    {
        var admin = await fixture.Site.SignedInAdminAsync();

        var page = await Html.GetAsync(admin, "/staff/regions/beijing");

        var shown = page.QuerySelectorAll(".staff-rows .meta").Select(m => m.TextContent).Concat(page.QuerySelectorAll("select[name=PageKind] option").Select(o => o.TextContent)).ToList();
        Assert.NotEmpty(shown);
        Assert.Contains(shown, text => text.Contains("概览", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, text => System.Text.RegularExpressions.Regex.IsMatch(text, "overview|faq|binding|cross-region|family-account|channel"));
    }
}
