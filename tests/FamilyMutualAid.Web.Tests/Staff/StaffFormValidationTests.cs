using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Publishing;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>The site for the form validation tests: the reviewers, the admin, a draft of Beijing's overview waiting for review and one of Shanghai's FAQ not yet submitted.</summary>
public sealed class StaffFormValidationSite : IAsyncLifetime
{
    /// <summary>A page with a draft not yet submitted, for the submit form.</summary>
    public const string DraftUrl = "/staff/content/shanghai/faq";

    public StaffSiteFactory Site { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = [];

    /// <summary>The review page of the waiting submission.</summary>
    public string ReviewUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await CreateReviewersAsync(Site);
        await Site.CreateAdminAsync();
        Clients[Editor] = await SignedInAsync(Site, Editor);
        Clients[Publisher] = await SignedInAsync(Site, Publisher);
        var admin = Site.Browser();
        using var signedIn = await StaffSiteFactory.SignInAsync(admin, StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Clients[StaffSiteFactory.AdminEmail] = admin;
        await SaveTitleAsync(Clients[Editor], "校验测试的北京标题");
        using var saved = await PostFormAsync(Clients[Editor], await Html.GetAsync(Clients[Editor], DraftUrl), "form#editor", new() { ["Title"] = "校验测试的草稿" }, DraftUrl + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await SubmitAsync(Clients[Editor], BeijingOverviewUrl, "请审核");
        (_, ReviewUrl) = await FirstWaitingAsync(Clients[Publisher]);
    }

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>
/// Every staff form with rules is checked once, before its handler (StaffFormFilter): a post that breaks a rule is
/// answered 400 with the form again, the message beside the field and what was typed still in it, and nothing is done.
/// </summary>
public sealed class StaffFormValidationTests(StaffFormValidationSite fixture) : IClassFixture<StaffFormValidationSite>
{
    private static readonly string TooLong = new('长', ReviewWorkflow.MaxTextLength + 1);

    public static TheoryData<string, string, string, string, string, string, string> Forms => new()
    {
        // who, page ("review": the waiting submission), form, field, typed, where the message is, part of the message
        { StaffSiteFactory.AdminEmail, "/staff/regions/hebei", "form[action*=CreatePage]", "PageTitle", new string('题', 101), "#page-title-error", "标题最多 100 个字" },
        { StaffSiteFactory.AdminEmail, "/staff/regions/hebei", "form[action*=CreatePage]", "ChannelId", "Not An Id", "#channel-id-error", "渠道编号只能用" },
        { StaffSiteFactory.AdminEmail, "/staff/users", "form.staff-form", "Email", "not-an-email", ".error-summary", "请填写有效的邮箱地址" },
        { Editor, StaffFormValidationSite.DraftUrl, "#review form", "SubmitNote", TooLong, "#submit-note-error", "说明最多" },
        { Publisher, "review", "form[action*='handler=Schedule']", "PublishAt", "明天早上", "#publish-at-error", "请按“2027-01-01 00:00”的格式" },
        { Publisher, "review", "form[action*='handler=Return']", "Comment", TooLong, "#comment-error", "意见最多" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_post_that_breaks_a_forms_rule_is_400_with_the_message_beside_the_field_and_the_text_kept(
        string who, string url, string form, string field, string typed, string messageAt, string message)
    {
        var client = fixture.Clients[who];
        url = url == "review" ? fixture.ReviewUrl : url;
        var changes = new Dictionary<string, string> { [field] = typed };
        if (field == "ChannelId")
        {
            (changes["PageKind"], changes["PageTitle"], changes["ChannelMode"]) = ("channel", "河北测试渠道", "Online");
        }

        var shown = await Html.GetAsync(client, url);
        // A form without an action posts to the page it is on.
        using var refused = await PostFormAsync(client, shown, form, changes, shown.QuerySelector(form)?.GetAttribute("action") ?? url);
        var page = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, page.QuerySelector(messageAt)?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(typed, Kept(page, field));
        Assert.Equal(1, await fixture.Site.WithDbAsync(db => db.Reviews.CountAsync(r => r.State == ReviewState.Submitted)));
    }

    /// <summary>The text the page shows again in the field (a refused submission comes back on the review list's own form).</summary>
    private static string? Kept(IDocument page, string field) =>
        page.QuerySelector($"textarea[name={field}]")?.TextContent.Trim() ?? page.QuerySelector($"input[name={field}]")?.GetAttribute("value");
}
