using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>A save posted after the sign-in expired: no 400 page, the text is kept and offered back after signing in again.</summary>
public sealed class StaffKeepsTextTests : IDisposable
{
    private const string RuleUrl = "/staff/parameters/beijing/annual_cap_share";
    private const string PageUrl = "/staff/content/beijing/overview";
    // A site per test: each moves the site's clock past the sign-in's lifetime.
    private readonly StaffSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<HttpClient> EditorAsync(string email)
    {
        await _site.CreateUserAsync(email, Password, "", StaffRoles.Editor);
        return await SignedInAsync(_site, email);
    }

    [Fact]
    public async Task A_rule_saved_after_the_sign_in_expired_comes_back_typed_after_signing_in_again()
    {
        var editor = await EditorAsync(Editor);
        var form = (await Html.GetAsync(editor, RuleUrl)).QuerySelector("#record-form")!;
        _site.Clock.Advance(TimeSpan.FromHours(9));

        using var expired = await new FormFields(form).Set("ParameterEdit.Rows[0].Note", "过期前打的一大段说明").PostAsync(editor, RuleUrl, "SaveForm");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        var login = expired.Headers.Location!.PathAndQuery;
        Assert.Equal("/staff/login?ReturnUrl=" + Uri.EscapeDataString(RuleUrl), login);
        using var signIn = await SignInAgainAsync(editor, login);
        Assert.Equal(RuleUrl, signIn.Headers.Location!.OriginalString);
        var restored = await Html.GetAsync(editor, RuleUrl);
        Assert.Equal("过期前打的一大段说明", restored.QuerySelector("#ParameterEdit-Rows-0--note")!.TextContent);
        Assert.Contains("登录已过期", restored.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", restored.QuerySelector("#record-form")!.GetAttribute("data-dirty"));
        // Given back once, and not saved until the editor saves it.
        Assert.DoesNotContain("过期前打的一大段说明", (await Html.GetAsync(editor, RuleUrl)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_saved_after_the_sign_in_expired_is_offered_only_to_its_author()
    {
        var editor = await EditorAsync(Editor);
        var form = (await Html.GetAsync(editor, PageUrl)).QuerySelector("form#editor")!;
        _site.Clock.Advance(TimeSpan.FromHours(9));
        using var expired = await new FormFields(form).Set("Body", "过期前写的正文").PostAsync(editor, PageUrl, "Save");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);

        var other = await EditorAsync(Publisher);
        Assert.DoesNotContain("过期前写的正文", (await Html.GetAsync(other, PageUrl)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var signIn = await SignInAgainAsync(editor, expired.Headers.Location!.PathAndQuery);

        Assert.Equal("过期前写的正文", (await Html.GetAsync(editor, PageUrl)).QuerySelector("textarea[name=Body]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_post_without_the_staff_cookie_keeps_nothing()
    {
        var editor = await EditorAsync(Editor);
        var form = (await Html.GetAsync(editor, PageUrl)).QuerySelector("form#editor")!;
        var stranger = _site.Browser();

        using var posted = await new FormFields(form).Set("Body", "别人塞进来的正文").PostAsync(stranger, PageUrl, "Save");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain("别人塞进来的正文", (await Html.GetAsync(editor, PageUrl)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAgainAsync(HttpClient client, string loginUrl)
    {
        var page = await Html.GetAsync(client, loginUrl);
        return await new FormFields(page.QuerySelector("form")!).Set("Email", Editor).Set("Password", Password).PostAsync(client, loginUrl);
    }
}
