using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>Retiring a record: confirmed, for publishers, refused when the rest would break, and undone by a rollback.</summary>
public sealed class StaffRetireTests : IDisposable
{
    private const string Password = "a long enough staff password";
    private const string FaqUrl = "/staff/content/shanghai/faq";
    private const string FuzhouUrl = "/staff/content/fuzhou/overview";
    // A site per test: tests retire and roll back seeded pages and parameters that other tests read as published.
    private readonly StaffSiteFactory _site = new() { DirectPublishing = true };

    public void Dispose() => _site.Dispose();

    private async Task<HttpClient> SignedInAsync(string email, string role)
    {
        if (role == StaffRoles.Admin)
        {
            await _site.CreateAdminAsync();
        }
        else
        {
            await _site.CreateUserAsync(email, Password, "", role);
        }
        var client = _site.Browser();
        using var response = await StaffSiteFactory.SignInAsync(client, email, role == StaffRoles.Admin ? StaffSiteFactory.AdminPassword : Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IElement form, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(url, content);
    }

    private static async Task<HttpResponseMessage> RetireAsync(HttpClient client, string url, bool confirm = true)
    {
        var form = (await Html.GetAsync(client, url)).QuerySelector("details.retire form")!;
        return await PostFormAsync(client, form, $"{url}?handler=Retire", new()
        {
            ["BaseStamp"] = form.QuerySelector("input[name=BaseStamp]")!.GetAttribute("value")!,
            ["ConfirmRetire"] = confirm ? "true" : "false",
        });
    }

    [Fact]
    public async Task A_retired_page_leaves_the_public_site_and_a_rollback_brings_it_back()
    {
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail, StaffRoles.Admin);
        Assert.Contains("福州市家庭共济概览", await _site.CreateClient().GetStringAsync("/regions/fuzhou"), StringComparison.Ordinal);

        using var retired = await RetireAsync(client, FuzhouUrl);

        Assert.Equal("/staff/history/fuzhou/overview?retired=1", retired.Headers.Location!.OriginalString);
        Assert.DoesNotContain("福州市家庭共济概览", await _site.CreateClient().GetStringAsync("/regions/fuzhou"), StringComparison.Ordinal);
        Assert.Contains("页面 · 福州市 · overview", (await Html.GetAsync(client, "/staff/audit?action=retire")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var region = await Html.GetAsync(client, "/staff/regions/fuzhou");
        Assert.Contains("已停用", region.QuerySelector($"a[href='{FuzhouUrl}']")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(FuzhouUrl)).StatusCode);

        var history = await Html.GetAsync(client, "/staff/history/fuzhou/overview");
        var rollbacks = history.QuerySelectorAll("form[action*=Rollback]");
        var rollback = rollbacks[rollbacks.Length - 1];
        using var drafted = await PostFormAsync(client, rollback, "/staff/history/fuzhou/overview?handler=Rollback", new()
        {
            ["versionId"] = rollback.QuerySelector("input[name=versionId]")!.GetAttribute("value")!,
            ["stamp"] = rollback.QuerySelector("input[name=stamp]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var editor = await Html.GetAsync(client, FuzhouUrl);
        using var published = await PostFormAsync(client, editor.QuerySelector("form#editor")!, $"{FuzhouUrl}?handler=Publish", new()
        {
            ["BaseStamp"] = editor.QuerySelector("form#editor input[name=BaseStamp]")!.GetAttribute("value")!,
        });
        Assert.Equal(FuzhouUrl + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Contains("福州市家庭共济概览", await _site.CreateClient().GetStringAsync("/regions/fuzhou"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retiring_needs_the_confirmation_ticked()
    {
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail, StaffRoles.Admin);

        using var refused = await RetireAsync(client, FaqUrl, confirm: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Html.ParseAsync(refused)).QuerySelector("[data-valmsg-for=ConfirmRetire]")!.TextContent));
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateClient().GetAsync("/regions/shanghai/faq")).StatusCode);
    }

    [Fact]
    public async Task An_editor_sees_no_retire_form_and_a_retire_post_is_forbidden()
    {
        var client = await SignedInAsync("editor@example.org", StaffRoles.Editor);
        var page = await Html.GetAsync(client, FaqUrl);
        Assert.Null(page.QuerySelector("details.retire"));

        using var refused = await PostFormAsync(client, page.QuerySelector("form#editor")!, $"{FaqUrl}?handler=Retire", new()
        {
            ["BaseStamp"] = page.QuerySelector("form#editor input[name=BaseStamp]")!.GetAttribute("value")!,
            ["ConfirmRetire"] = "true",
        });

        Assert.StartsWith("/staff/denied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateClient().GetAsync("/regions/shanghai/faq")).StatusCode);
    }

    [Fact]
    public async Task A_page_other_pages_link_to_cannot_be_retired_and_the_links_are_named()
    {
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail, StaffRoles.Admin);

        using var refused = await RetireAsync(client, FaqUrl);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await Html.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("page:shanghai/overview", problems, StringComparison.Ordinal);
        Assert.Contains("page:national/faq", problems, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateClient().GetAsync("/regions/shanghai/faq")).StatusCode);
    }

    [Fact]
    public async Task National_records_offer_no_retire()
    {
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail, StaffRoles.Admin);

        Assert.Null((await Html.GetAsync(client, "/staff/content/national/faq")).QuerySelector("details.retire"));
        Assert.Null((await Html.GetAsync(client, "/staff/parameters/national/relatives")).QuerySelector("details.retire"));
        var result = await _site.WithEditorAsync(async editor => await editor.RetireAsync(
            RecordKind.Page, "national/faq", await StampAsync("national/faq"), "admin@example.org", CancellationToken.None));
        Assert.Equal(EditOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task A_source_only_the_retired_parameter_cited_is_retired_with_it()
    {
        var source = new Source("retire-test-source", "停用测试用的来源", null, "测试发布单位", new DateOnly(2026, 11, 1), null, SourceTier.Official, null);
        await _site.WithEditorAsync(editor => editor.CreateDraftAsync(RecordKind.Source, source.Id, null, Payloads.Serialize(source), "editor@example.org", null, CancellationToken.None));
        var cap = Published.FindParameter("beijing", "annual_cap_share")!;
        var citing = cap with { Values = [cap.Values[0] with { SourceIds = [.. cap.Values[0].SourceIds, source.Id] }] };
        var draft = await _site.WithEditorAsync(async editor => await editor.SaveDraftAsync(
            RecordKind.Parameter, "beijing/annual_cap_share", await StampAsync("beijing/annual_cap_share"), Payloads.Serialize(citing), "editor@example.org", null, CancellationToken.None));
        Assert.Equal(EditOutcome.Done, (await _site.WithEditorAsync(editor => editor.PublishAsync(RecordKind.Parameter, "beijing/annual_cap_share", draft.Version!.Id, "publisher@example.org", CancellationToken.None))).Outcome);
        Assert.NotNull(Published.FindSource(source.Id));

        var stale = await _site.WithEditorAsync(editor => editor.RetireAsync(RecordKind.Parameter, "beijing/annual_cap_share", Guid.NewGuid(), "publisher@example.org", CancellationToken.None));
        var retired = await _site.WithEditorAsync(async editor => await editor.RetireAsync(
            RecordKind.Parameter, "beijing/annual_cap_share", await StampAsync("beijing/annual_cap_share"), "publisher@example.org", CancellationToken.None));

        Assert.Equal(EditOutcome.Conflict, stale.Outcome);
        Assert.Equal(EditOutcome.Done, retired.Outcome);
        Assert.Null(Published.FindParameter("beijing", "annual_cap_share"));
        Assert.Null(Published.FindSource(source.Id));
        Assert.Empty(PolicyValidator.Validate(Published));
        Assert.DoesNotContain("停用测试用的来源", await _site.CreateClient().GetStringAsync("/sources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_still_cited_cannot_be_retired()
    {
        var result = await _site.WithEditorAsync(async editor => await editor.RetireAsync(
            RecordKind.Source, "doc-000", await StampAsync("doc-000"), "admin@example.org", CancellationToken.None));

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Contains("doc-000", StringComparison.Ordinal));
        Assert.NotNull(Published.FindSource("doc-000"));
    }

    private PolicySnapshot Published => _site.Services.GetRequiredService<PolicySnapshotProvider>().Current;


    private Task<Guid> StampAsync(string key) =>
        _site.WithDbAsync(db => db.Records.Where(r => r.Key == key).Select(r => r.ConcurrencyStamp).SingleAsync());
}
