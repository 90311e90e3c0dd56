using System.Net;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// One site, with its staff accounts signed in once, for the tests of who may reach what: none of them may change
/// anything (each asserts that), so they share it instead of starting a site per case.
/// </summary>
public sealed class StaffAccessSite : IAsyncLifetime
{
    public const string Password = "a long enough staff password";

    public StaffSiteFactory Site { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient NoRole { get; private set; } = null!;

    /// <summary>An editor and publisher limited to beijing.</summary>
    public HttpClient BeijingOnly { get; private set; } = null!;

    /// <summary>An editor and publisher limited to shanghai.</summary>
    public HttpClient ShanghaiOnly { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Site.CreateUserAsync("norole@example.org", Password, "");
        await Site.CreateUserAsync("beijing-only@example.org", Password, "beijing", StaffRoles.Editor, StaffRoles.Publisher);
        await Site.CreateUserAsync("shanghai-only@example.org", Password, "shanghai", StaffRoles.Editor, StaffRoles.Publisher);
        Admin = await SignedInAsync(StaffSiteFactory.AdminEmail, StaffSiteFactory.AdminPassword);
        NoRole = await SignedInAsync("norole@example.org", Password);
        BeijingOnly = await SignedInAsync("beijing-only@example.org", Password);
        ShanghaiOnly = await SignedInAsync("shanghai-only@example.org", Password);
        // Submissions 1 (beijing) and 2 (shanghai), by someone none of the tested accounts is, for the review pages.
        foreach (var key in new[] { "beijing/overview", "shanghai/faq" })
        {
            await SubmitDraftAsync(key);
        }
    }

    public const string Submitter = "fixture-editor@example.org";

    private Task<int> SubmitDraftAsync(string key) =>
        Site.SubmitForReviewAsync(RecordKind.Page, key, Submitter, payload => Payloads.Serialize(Payloads.Deserialize<ContentPage>(payload) with { Title = "待审核的标题" }));

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = Site.Browser();
        using var response = await StaffSiteFactory.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public Task<bool> AnythingWrittenByAsync(string email) =>
        Site.WithDbAsync(async db => await db.Records.AnyAsync(r => r.Versions.Any(v => v.Author == email))
            || await db.Reviews.AnyAsync(r => r.SubmittedBy == email || r.DecidedBy == email || r.State != ReviewState.Submitted));

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>Every staff page refuses whoever may not use it, before reading or writing anything.</summary>
public sealed class StaffAccessTests : IClassFixture<StaffAccessSite>
{
    private const string EditUrl = "/staff/content/beijing/overview";
    private readonly StaffAccessSite _fixture;

    public StaffAccessTests(StaffAccessSite fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        fixture.Site.LogTo(output);
    }

    public static TheoryData<string> StaffPages() =>
    [
        "/staff", "/staff/account", "/staff/regions/beijing", EditUrl, "/staff/history/beijing/overview",
        "/staff/parameters/beijing/annual_cap_share", "/staff/history/beijing/parameter/annual_cap_share",
        "/staff/disagreements/shanghai/shanghai-pharmacy", "/staff/history/shanghai/disagreement/shanghai-pharmacy",
        "/staff/parameters/shanghai/relatives", "/staff/content/shanghai/channel/suishenban", "/staff/history/shanghai/channel/suishenban",
        "/staff/regions/no-such-region", "/staff/parameters/shanghai/no_such_parameter",
        "/staff/sources", "/staff/sources/all/doc-000", "/staff/history/all/source/doc-000",
        "/staff/freshness", "/staff/audit", "/staff/users",
        "/staff/reviews/beijing", "/staff/reviews/beijing/1", "/staff/reviews/shanghai", "/staff/reviews/shanghai/2", "/staff/reviews/all",
    ];

    /// <summary>Every handler a staff page has, and one none has: a refused region is refused whatever is asked.</summary>
    private static readonly string[] Handlers = ["", "Save", "Preview", "Publish", "Retire", "Rollback", "Create", "CreatePage", "Submit", "Approve", "Schedule", "Return", "Cancel", "nonsense"];

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string url, string handler)
    {
        var token = (await Html.GetAsync(client, "/staff/account")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Yaml"] = "relatives:\n  values: []",
            ["Title"] = "不该保存的标题",
            ["Body"] = "不该保存的正文",
            ["ConfirmRetire"] = "true",
            ["Kind"] = "content",
            ["Key"] = "beijing/overview",
            ["VersionId"] = "1",
            ["Comment"] = "不该保存的意见",
            ["PublishAt"] = "2027-01-01T00:00",
        });
        return await client.PostAsync(handler.Length == 0 ? url : $"{url}?handler={handler}", content);
    }

    [Theory]
    [InlineData("/staff/regions/beijing")]
    [InlineData(EditUrl)]
    [InlineData("/staff/history/beijing/overview")]
    public async Task Anonymous_visitors_cannot_reach_editing_pages(string url)
    {
        using var response = await _fixture.Site.Browser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Every_staff_page_refuses_anonymous_visitors_and_users_without_a_role_or_region(string url)
    {
        var elsewhereIsBeijing = url.Contains("shanghai", StringComparison.Ordinal) || url.Contains("no-such", StringComparison.Ordinal);
        var elsewhere = elsewhereIsBeijing ? _fixture.BeijingOnly : _fixture.ShanghaiOnly;
        using var anonymous = await _fixture.Site.Browser().GetAsync(url);
        using var noRole = await _fixture.NoRole.GetAsync(url);
        using var otherRegion = await elsewhere.GetAsync(url);

        Assert.StartsWith("/staff/login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/staff/denied", noRole.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var regionFree = url is "/staff" or "/staff/account" or "/staff/freshness";
        if (regionFree)
        {
            Assert.Equal(HttpStatusCode.OK, otherRegion.StatusCode);
        }
        else if (url is "/staff/audit" or "/staff/users")
        {
            Assert.StartsWith("/staff/denied", otherRegion.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherRegion.StatusCode);
            Assert.Contains("没有权限", (await Html.ParseAsync(otherRegion)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            foreach (var handler in Handlers)
            {
                using var post = await PostWithTokenAsync(elsewhere, url, handler);
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {url}?handler={handler}: {(int)post.StatusCode}");
                using var get = await elsewhere.GetAsync(handler.Length == 0 ? url : $"{url}?handler={handler}");
                Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {url}?handler={handler}: {(int)get.StatusCode}");
            }
            Assert.False(await _fixture.AnythingWrittenByAsync(elsewhereIsBeijing ? "beijing-only@example.org" : "shanghai-only@example.org"));
        }
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task A_staff_request_for_a_handler_the_page_does_not_have_is_400_not_500(string url)
    {
        var admin = _fixture.Admin;

        using var unknownPost = await PostWithTokenAsync(admin, url, "nonsense");
        using var unknownGet = await admin.GetAsync(url + "?handler=nonsense");
        // Account and Users have a form posted without a handler name; every other page names its handlers.
        using var plainPost = url is "/staff/account" or "/staff/users" ? null : await PostWithTokenAsync(admin, url, "");

        Assert.True(unknownPost.StatusCode == HttpStatusCode.BadRequest, $"POST ?handler=nonsense: {(int)unknownPost.StatusCode}");
        Assert.True(unknownGet.StatusCode == HttpStatusCode.BadRequest, $"GET ?handler=nonsense: {(int)unknownGet.StatusCode}");
        Assert.True(plainPost is null || plainPost.StatusCode == HttpStatusCode.BadRequest, $"POST without a handler: {(int?)plainPost?.StatusCode}");
        Assert.False(await _fixture.AnythingWrittenByAsync(StaffSiteFactory.AdminEmail));
    }
}
