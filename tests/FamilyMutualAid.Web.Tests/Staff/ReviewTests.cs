using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static FamilyMutualAid.Web.Tests.Staff.ReviewDesk;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>The staff of the review tests and the steps they take through the pages, as a browser would.</summary>
public static class ReviewDesk
{
    public const string Password = "a long enough staff password";
    public const string Editor = "editor@example.org";
    public const string Publisher = "publisher@example.org";

    /// <summary>An editor who is also a publisher, to submit and then try to approve their own draft.</summary>
    public const string EditingPublisher = "editing-publisher@example.org";

    public const string BeijingOverviewUrl = "/staff/content/beijing/overview";

    public static async Task CreateReviewersAsync(StaffSiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        await site.CreateUserAsync(Editor, Password, "", StaffRoles.Editor);
        await site.CreateUserAsync(Publisher, Password, "", StaffRoles.Publisher);
        await site.CreateUserAsync(EditingPublisher, Password, "", StaffRoles.Editor, StaffRoles.Publisher);
    }

    public static async Task<HttpClient> SignedInAsync(StaffSiteFactory site, string email)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = site.Browser();
        using var response = await StaffSiteFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts a form of <paramref name="page"/> as a browser would: its fields (hidden ones included), some changed, to its action.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IDocument page, string formSelector, Dictionary<string, string>? changes = null, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"no form {formSelector} on the page");
        var fields = new FormFields(form);
        foreach (var (key, value) in changes ?? [])
        {
            fields.Set(key, value);
        }
        return await fields.PostAsync(client, url ?? form.GetAttribute("action")!);
    }

    /// <summary>Saves a draft of Beijing's overview with a new title through its edit page, as <paramref name="client"/>.</summary>
    public static async Task SaveTitleAsync(HttpClient client, string title)
    {
        using var saved = await PostFormAsync(client, await Html.GetAsync(client, BeijingOverviewUrl), "form#editor", new() { ["Title"] = title }, BeijingOverviewUrl + "?handler=Save");
        Assert.Equal(BeijingOverviewUrl + "?saved=1", saved.Headers.Location!.OriginalString);
    }

    /// <summary>Submits the draft shown on an edit page for review, with a note.</summary>
    public static async Task SubmitAsync(HttpClient client, string editUrl, string note)
    {
        using var submitted = await PostFormAsync(client, await Html.GetAsync(client, editUrl), "#review form", new() { ["SubmitNote"] = note });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(editUrl + "?submitted=1", submitted.Headers.Location!.OriginalString);
    }

    /// <summary>The review page of the submission listed first on the publisher's 待审核 list.</summary>
    public static async Task<(IDocument Page, string Url)> FirstWaitingAsync(HttpClient publisher)
    {
        var home = await Html.GetAsync(publisher, "/staff");
        var url = home.QuerySelector("#waiting li a")!.GetAttribute("href")!;
        return (await Html.GetAsync(publisher, url), url);
    }
}

/// <summary>Review before publishing, through the staff pages: submit, approve, return, self-approval, editing after submission.</summary>
public sealed class ReviewTests : IDisposable
{
    private const string RelativesUrl = "/staff/parameters/national/relatives";
    private const string PageUrl = ReviewDesk.BeijingOverviewUrl;
    // A site per test: every test submits Beijing's overview or the national relatives and asserts the review queue and their audit trail whole.
    private readonly StaffSiteFactory _site;

    public ReviewTests(ITestOutputHelper output)
    {
        _site = new();
        _site.LogTo(output);
    }

    public void Dispose() => _site.Dispose();

    private Task<List<string>> AuditActionsAsync(string subject) =>
        _site.WithDbAsync(db => db.Audit.Where(a => a.Subject == subject).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private async Task<string> PublishedTitleAsync() => (await Html.GetAsync(_site.CreateClient(), "/regions/beijing/overview")).QuerySelector("h1")!.TextContent.Trim();

    [Fact]
    public async Task An_editor_submits_a_publisher_approves_and_the_public_page_and_the_eligibility_answer_change()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, Publisher);
        Assert.Equal("not_eligible", await VerdictForOtherRelativeAsync());
        // The value lists what it allows, then what it explicitly excludes (明确不包括).
        Assert.Contains("明确不包括：其他亲属", await RelativesFactAsync(), StringComparison.Ordinal);
        var page = await Html.GetAsync(editor, RelativesUrl);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        var at = yaml.LastIndexOf("grandchild]", StringComparison.Ordinal);
        var widened = yaml[..at] + "grandchild, other]" + yaml[(at + "grandchild]".Length)..].Replace("excluded: [other]", "excluded: []", StringComparison.Ordinal);
        using (var saved = await StaffForms.PostYamlAsync(editor, page, RelativesUrl, "Save", widened))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await SubmitAsync(editor, RelativesUrl, "其他亲属也可以共济");

        Assert.Contains("已提交审核", (await Html.GetAsync(editor, RelativesUrl)).QuerySelector("#review")!.TextContent, StringComparison.Ordinal);
        var waiting = (await Html.GetAsync(publisher, "/staff")).QuerySelector("#waiting li")!.TextContent;
        Assert.Contains("可共济的亲属范围", waiting, StringComparison.Ordinal);
        Assert.Contains(Editor, waiting, StringComparison.Ordinal);
        Assert.Contains("全国", waiting, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:00（北京时间）", waiting, StringComparison.Ordinal);
        Assert.Contains("其他亲属也可以共济", waiting, StringComparison.Ordinal);
        var (review, reviewUrl) = await FirstWaitingAsync(publisher);
        Assert.Contains(review.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("grandchild, other]", StringComparison.Ordinal));
        Assert.Contains(review.QuerySelectorAll("pre.diff .del"), line => line.TextContent.Contains("excluded: [other]", StringComparison.Ordinal));
        Assert.Equal("not_eligible", await VerdictForOtherRelativeAsync());

        using var approved = await PostFormAsync(publisher, review, "form[action*='handler=Approve']");

        Assert.Equal(reviewUrl + "?done=approved", approved.Headers.Location!.OriginalString);
        Assert.Equal("eligible", await VerdictForOtherRelativeAsync());
        Assert.Contains("其他亲属", await RelativesFactAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("明确不包括：其他亲属", await RelativesFactAsync(), StringComparison.Ordinal);
        Assert.Empty((await Html.GetAsync(publisher, "/staff")).QuerySelectorAll("#waiting li"));
        var audit = await _site.WithDbAsync(db => db.Audit.Where(a => a.Subject == "parameter:national/relatives").OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor }).ToListAsync());
        Assert.Equal(
            [(AuditActions.Edit, Editor), (AuditActions.ReviewSubmitted, Editor), (AuditActions.ReviewApproved, Publisher), (AuditActions.Publish, Publisher)],
            audit.Select(a => (a.Action, a.Actor)));
    }

    [Fact]
    public async Task With_review_required_the_edit_page_offers_submission_and_a_direct_publish_is_refused()
    {
        await CreateReviewersAsync(_site);
        var publisher = await SignedInAsync(_site, Publisher);
        await SaveTitleAsync(publisher, "不经审核不应发布的标题");
        var page = await Html.GetAsync(publisher, PageUrl);

        Assert.Null(page.QuerySelector("button[formaction*='Publish']"));
        Assert.NotNull(page.QuerySelector("#review form button"));
        using var direct = await PostFormAsync(publisher, page, "form#editor", url: PageUrl + "?handler=Publish");

        Assert.StartsWith("/staff/denied", direct.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.NotEqual("不经审核不应发布的标题", await PublishedTitleAsync());
    }

    [Fact]
    public async Task Returning_for_changes_keeps_the_text_and_shows_the_comment_on_the_draft_and_in_the_editors_list()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, Publisher);
        await SaveTitleAsync(editor, "待退回的北京标题");
        await SubmitAsync(editor, PageUrl, "改了标题");
        var (review, reviewUrl) = await FirstWaitingAsync(publisher);

        using var empty = await PostFormAsync(publisher, review, "form[action*='handler=Return']", new() { ["Comment"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请写明要修改什么", (await Html.ParseAsync(empty)).QuerySelector("#comment-error")!.TextContent, StringComparison.Ordinal);
        using var returned = await PostFormAsync(publisher, review, "form[action*='handler=Return']", new() { ["Comment"] = "标题请用居民熟悉的说法" });

        Assert.Equal(reviewUrl + "?done=returned", returned.Headers.Location!.OriginalString);
        var draft = await Html.GetAsync(editor, PageUrl);
        Assert.Equal("待退回的北京标题", draft.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        Assert.Contains("标题请用居民熟悉的说法", draft.QuerySelector("#review .review-comment")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("标题请用居民熟悉的说法", draft.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(draft.QuerySelector("#review form button"));
        var mine = (await Html.GetAsync(editor, "/staff")).QuerySelector("#my-drafts li")!.TextContent;
        Assert.Contains("已退回修改", mine, StringComparison.Ordinal);
        Assert.Contains("标题请用居民熟悉的说法", mine, StringComparison.Ordinal);
        Assert.Empty((await Html.GetAsync(publisher, "/staff")).QuerySelectorAll("#waiting li"));
        Assert.NotEqual("待退回的北京标题", await PublishedTitleAsync());
        Assert.Equal([AuditActions.Edit, AuditActions.ReviewSubmitted, AuditActions.ReviewReturned], await AuditActionsAsync("content:beijing/overview"));
    }

    [Fact]
    public async Task A_publisher_cannot_approve_or_schedule_their_own_submission()
    {
        await CreateReviewersAsync(_site);
        var own = await SignedInAsync(_site, EditingPublisher);
        await SaveTitleAsync(own, "自己提交的北京标题");
        await SubmitAsync(own, PageUrl, "自己提交");
        var (review, _) = await FirstWaitingAsync(own);
        Assert.Null(review.QuerySelector("form[action*='handler=Approve']"));
        Assert.Contains("请另一位发布人员审核", review.QuerySelector(".review-decision")!.TextContent, StringComparison.Ordinal);

        // The page offers no approval; a hand-made request is refused all the same.
        var returnForm = "form[action*='handler=Return']";
        var action = review.QuerySelector(returnForm)!.GetAttribute("action")!;
        using var approve = await PostFormAsync(own, review, returnForm, url: action.Replace("Return", "Approve", StringComparison.Ordinal));
        using var schedule = await PostFormAsync(own, review, returnForm, new() { ["PublishAt"] = "2027-01-01T00:00" }, action.Replace("Return", "Schedule", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, schedule.StatusCode);
        Assert.Contains("不能审核通过自己提交的草稿", (await Html.ParseAsync(approve)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("自己提交的北京标题", await PublishedTitleAsync());
        Assert.DoesNotContain(AuditActions.ReviewApproved, await AuditActionsAsync("content:beijing/overview"));
        Assert.DoesNotContain(AuditActions.PublishScheduled, await AuditActionsAsync("content:beijing/overview"));
    }

    [Fact]
    public async Task With_self_approval_allowed_a_publisher_approves_their_own_submission()
    {
        using var site = new StaffSiteFactory { Settings = new Dictionary<string, string> { ["Staff:ForbidSelfApproval"] = "false" } };
        await CreateReviewersAsync(site);
        var own = await SignedInAsync(site, EditingPublisher);
        await SaveTitleAsync(own, "允许自审时发布的标题");
        await SubmitAsync(own, PageUrl, "自己提交");
        var (review, reviewUrl) = await FirstWaitingAsync(own);

        using var approved = await PostFormAsync(own, review, "form[action*='handler=Approve']");

        Assert.Equal(reviewUrl + "?done=approved", approved.Headers.Location!.OriginalString);
        Assert.Equal("允许自审时发布的标题", (await Html.GetAsync(site.CreateClient(), "/regions/beijing/overview")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_draft_edited_after_submission_goes_back_to_the_editors_list_until_submitted_again()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        var publisher = await SignedInAsync(_site, Publisher);
        await SaveTitleAsync(editor, "提交时的标题");
        await SubmitAsync(editor, PageUrl, "第一次提交");
        var (review, _) = await FirstWaitingAsync(publisher);

        await SaveTitleAsync(editor, "提交后又改的标题");

        var mine = (await Html.GetAsync(editor, "/staff")).QuerySelector("#my-drafts li")!.TextContent;
        Assert.Contains("提交后又修改，需重新提交", mine, StringComparison.Ordinal);
        Assert.Empty((await Html.GetAsync(publisher, "/staff")).QuerySelectorAll("#waiting li"));
        Assert.NotNull((await Html.GetAsync(editor, PageUrl)).QuerySelector("#review form button"));
        using var stale = await PostFormAsync(publisher, review, "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.NotEqual("提交时的标题", await PublishedTitleAsync());

        await SubmitAsync(editor, PageUrl, "第二次提交");
        var (again, _) = await FirstWaitingAsync(publisher);
        using var approved = await PostFormAsync(publisher, again, "form[action*='handler=Approve']");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("提交后又改的标题", await PublishedTitleAsync());
        Assert.Equal(
            [AuditActions.Edit, AuditActions.ReviewSubmitted, AuditActions.Edit, AuditActions.ReviewWithdrawn, AuditActions.ReviewSubmitted, AuditActions.ReviewApproved, AuditActions.Publish],
            await AuditActionsAsync("content:beijing/overview"));
    }

    [Fact]
    public async Task An_editor_may_submit_but_not_approve_schedule_return_or_cancel()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        await SaveTitleAsync(editor, "编辑不能自己发布的标题");
        await SubmitAsync(editor, PageUrl, "请审核");
        var id = await _site.WithDbAsync(db => db.Reviews.Select(r => r.Id).SingleAsync());
        var review = await Html.GetAsync(editor, $"/staff/reviews/beijing/{id}");
        Assert.Null(review.QuerySelector(".review-decision"));
        var token = review.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await Html.GetAsync(editor, "/staff/account")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var handler in new[] { "Approve", "Schedule", "Return", "Cancel" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Comment"] = "编辑不该能退回",
                ["PublishAt"] = "2027-01-01T00:00",
            });
            using var post = await editor.PostAsync($"/staff/reviews/beijing/{id}?handler={handler}", content);
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{handler}: {(int)post.StatusCode}");
        }
        Assert.Equal(ReviewState.Submitted, await _site.WithDbAsync(db => db.Reviews.Select(r => r.State).SingleAsync()));
        Assert.NotEqual("编辑不能自己发布的标题", await PublishedTitleAsync());
    }

    [Fact]
    public async Task A_submission_refused_by_bad_input_says_why_beside_the_field()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        await SaveTitleAsync(editor, "说明太长的草稿");
        var page = await Html.GetAsync(editor, PageUrl);

        using var tooLong = await PostFormAsync(editor, page, "#review form", new() { ["SubmitNote"] = new string('长', ReviewWorkflow.MaxTextLength + 1) });
        using var badVersion = await PostFormAsync(editor, page, "#review form", new() { ["VersionId"] = "not-a-number" });
        using var unknown = await PostFormAsync(editor, page, "#review form", new() { ["Key"] = "beijing/no-such-page" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("最多", (await Html.ParseAsync(tooLong)).QuerySelector("#submit-note-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.Reviews.AnyAsync()));
    }

    [Fact]
    public async Task A_draft_that_would_not_publish_is_not_submitted_and_the_editor_is_told_why()
    {
        await CreateReviewersAsync(_site);
        var editor = await SignedInAsync(_site, Editor);
        using (var saved = await PostFormAsync(editor, await Html.GetAsync(editor, PageUrl), "form#editor", new() { ["Sources"] = "doc-000, no-such-source" }, PageUrl + "?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var refused = await PostFormAsync(editor, await Html.GetAsync(editor, PageUrl), "#review form", new() { ["SubmitNote"] = "引用了不存在的来源" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("no-such-source", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("引用了不存在的来源", page.QuerySelector("input[name=SubmitNote]")!.GetAttribute("value"));
        Assert.False(await _site.WithDbAsync(db => db.Reviews.AnyAsync()));
    }

    /// <summary>The relatives fact of Fuzhou's public page (the national rule it inherits today: 福建's own list value ended on 2024-12-08).</summary>
    private async Task<string> RelativesFactAsync()
    {
        var page = await Html.GetAsync(_site.CreateClient(), "/regions/fuzhou");
        return page.QuerySelectorAll(".fact").Single(f => f.QuerySelector("dt")!.TextContent.Contains("可共济的亲属范围", StringComparison.Ordinal)).QuerySelector("dd")!.TextContent;
    }

    private async Task<string> VerdictForOtherRelativeAsync()
    {
        using var content = new StringContent("""
            { "region": "fuzhou", "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
              "member": { "relationship": "other", "insurance": "resident", "status": "normal", "location": "same_region" },
              "purpose": "hospital" }
            """, System.Text.Encoding.UTF8, "application/json");
        using var response = await _site.CreateClient().PostAsync("/api/eligibility", content);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("verdict").GetString()!;
    }
}
