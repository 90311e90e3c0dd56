using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>The staff editing pages: who may do what, a full edit-publish-rollback round trip, and conflicts.</summary>
public sealed class StaffEditingPagesTests : IDisposable
{
    private const string Password = "a long enough staff password";
    private const string EditUrl = "/staff/content/beijing/overview";
    // Long enough for ten requests to reach their save on a busy machine; it opens as soon as the tenth arrives.
    private readonly SaveBarrier _barrier = new() { Timeout = TimeSpan.FromSeconds(30) };
    // A site per test: a save barrier per test, and tests edit the same seeded records and assert version numbers from 1.
    private readonly StaffSiteFactory _site;

    public StaffEditingPagesTests() => _site = new() { Interceptors = [_barrier], DirectPublishing = true };

    public void Dispose() => _site.Dispose();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _site.Browser();
        using var response = await StaffSiteFactory.SignInAsync(client, email, email == StaffSiteFactory.AdminEmail ? StaffSiteFactory.AdminPassword : Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the editor form as shown on <paramref name="page"/>, with some fields changed.</summary>
    private static Task<HttpResponseMessage> PostEditorAsync(HttpClient client, IDocument page, string handler, Dictionary<string, string>? changes = null) =>
        PostEditorAsync(client, EditUrl, page, handler, changes);

    private static async Task<HttpResponseMessage> PostEditorAsync(HttpClient client, string url, IDocument page, string handler, Dictionary<string, string>? changes = null)
    {
        var fields = new FormFields(page.QuerySelector("form#editor")!);
        foreach (var (key, value) in changes ?? [])
        {
            fields.Set(key, value);
        }
        return await fields.PostAsync(client, url, handler);
    }

    [Fact]
    public async Task An_editor_limited_to_shanghai_cannot_open_beijing()
    {
        await _site.CreateUserAsync("sh-editor@example.org", Password, "shanghai", StaffRoles.Editor);
        var client = await SignedInAsync("sh-editor@example.org");

        using var own = await client.GetAsync("/staff/content/shanghai/overview");
        using var other = await client.GetAsync(EditUrl);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task An_editor_saves_a_draft_but_cannot_publish_it()
    {
        await _site.CreateUserAsync("editor@example.org", Password, "", StaffRoles.Editor);
        var client = await SignedInAsync("editor@example.org");
        var page = await Html.GetAsync(client, EditUrl);
        Assert.Null(page.QuerySelector("button[formaction*='Publish']"));

        using var saved = await PostEditorAsync(client, page, "Save", new() { ["Title"] = "编辑的草稿标题" });
        var again = await Html.GetAsync(client, EditUrl);
        using var publish = await PostEditorAsync(client, again, "Publish");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.StartsWith("/staff/denied", publish.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("编辑的草稿标题", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_edits_previews_publishes_compares_and_rolls_back()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, EditUrl);
        var body = page.QuerySelector("textarea[name=Body]")!.TextContent;

        using var preview = await PostEditorAsync(client, page, "Preview", new() { ["Body"] = body + "\n\n**预览中的新句子。**" });
        Assert.Contains("<strong>预览中的新句子。</strong>", (await Html.ParseAsync(preview)).QuerySelector("#preview")!.InnerHtml, StringComparison.Ordinal);

        using var saved = await PostEditorAsync(client, page, "Save", new() { ["Body"] = body + "\n\n发布后的新句子。", ["Note"] = "补充一句" });
        Assert.Equal(EditUrl + "?saved=1", saved.Headers.Location!.OriginalString);
        using var published = await PostEditorAsync(client, await Html.GetAsync(client, EditUrl), "Publish");
        Assert.Equal(EditUrl + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Contains("发布后的新句子。", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);

        var history = await Html.GetAsync(client, "/staff/history/beijing/overview?from=1&to=2");
        Assert.Contains("补充一句", history.QuerySelector("ol.version-list")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(history.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("发布后的新句子。", StringComparison.Ordinal));

        var forms = history.QuerySelectorAll("ol.version-list form");
        var rollback = forms[^1];
        using var rolledBack = await client.PostAsync("/staff/history/beijing/overview?handler=Rollback", new FormUrlEncodedContent(
            rollback.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!)));
        Assert.Equal(HttpStatusCode.Redirect, rolledBack.StatusCode);
        var actions = await _site.WithDbAsync(db => db.Audit.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.Edit, actions);
        Assert.Contains(AuditActions.Publish, actions);
        Assert.Contains(AuditActions.Rollback, actions);
    }

    [Fact]
    public async Task The_second_of_two_editors_gets_a_conflict_with_both_texts_and_loses_nothing()
    {
        await _site.CreateUserAsync("first@example.org", Password, "", StaffRoles.Editor);
        await _site.CreateUserAsync("second@example.org", Password, "", StaffRoles.Editor);
        var first = await SignedInAsync("first@example.org");
        var second = await SignedInAsync("second@example.org");
        var firstPage = await Html.GetAsync(first, EditUrl);
        var secondPage = await Html.GetAsync(second, EditUrl);

        using var ok = await PostEditorAsync(first, firstPage, "Save", new() { ["Title"] = "第一位的标题" });
        using var refused = await PostEditorAsync(second, secondPage, "Save", new() { ["Title"] = "第二位的标题" });
        var conflict = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("第一位的标题", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("第二位的标题", conflict.QuerySelector("input[name=Title]")!.GetAttribute("value"));

        // Saving again as before is refused again, with both texts: a second save never overwrites silently.
        using var again = await PostEditorAsync(second, conflict, "Save", new() { ["Title"] = "合并后的标题" });
        var againPage = await Html.ParseAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("第一位的标题", againPage.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("合并后的标题", againPage.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        // Replacing names the version shown: when the first editor saves once more meanwhile, the replace is refused too.
        var replace = againPage.QuerySelector("form#editor button[name=ReplaceStamp]")!;
        using var firstAgain = await PostEditorAsync(first, await Html.GetAsync(first, EditUrl), "Save", new() { ["Title"] = "第一位又改的标题" });
        using var staleReplace = await PostEditorAsync(second, againPage, "Save", new() { ["ReplaceStamp"] = replace.GetAttribute("value")! });
        var staleReplacePage = await Html.ParseAsync(staleReplace);
        Assert.Equal(HttpStatusCode.Conflict, staleReplace.StatusCode);
        Assert.Contains("第一位又改的标题", staleReplacePage.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);

        using var merged = await PostEditorAsync(second, staleReplacePage, "Save", new()
        {
            ["ReplaceStamp"] = staleReplacePage.QuerySelector("form#editor button[name=ReplaceStamp]")!.GetAttribute("value")!,
        });

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal("合并后的标题", (await Html.GetAsync(second, EditUrl)).QuerySelector("input[name=Title]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Ten_parallel_saves_from_one_base_save_one_and_show_its_text_on_every_refused_page()
    {
        await _site.CreateUserAsync("editor@example.org", Password, "", StaffRoles.Editor);
        var client = await SignedInAsync("editor@example.org");
        var page = await Html.GetAsync(client, EditUrl);
        var titles = Enumerable.Range(1, 10).Select(i => $"第{i}位并行保存的标题").ToList();

        // Every save passes the early version check before any of them writes, so the database catches all conflicts.
        _barrier.Arm(titles.Count);
        var responses = await Task.WhenAll(titles.Select(title => Task.Run(() => PostEditorAsync(client, page, "Save", new() { ["Title"] = title }))));

        Assert.Equal(titles.Count, _barrier.Met);
        var saved = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var winner = titles[Array.IndexOf(responses, saved)];
        foreach (var (response, title) in responses.Zip(titles).Where(pair => pair.First != saved))
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var conflict = await Html.ParseAsync(response);
            Assert.Contains(winner, conflict.QuerySelector(".conflict")?.TextContent ?? "(no other version shown)", StringComparison.Ordinal);
            Assert.Equal(title, conflict.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        }
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_editor_form_carries_an_antiforgery_token_and_a_post_without_it_is_refused()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, EditUrl);
        Assert.NotNull(page.QuerySelector("form#editor input[name=__RequestVerificationToken]"));

        using var response = await PostEditorAsync(client, page, "Save", new() { ["__RequestVerificationToken"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_is_for_admins_only_and_filters_by_user_and_action()
    {
        await _site.CreateUserAsync("editor@example.org", Password, "", StaffRoles.Editor);
        var editor = await SignedInAsync("editor@example.org");
        using var denied = await editor.GetAsync("/staff/audit");
        Assert.StartsWith("/staff/denied", denied.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        var admin = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var all = await Html.GetAsync(admin, "/staff/audit");
        var filtered = await Html.GetAsync(admin, "/staff/audit?actor=editor%40example.org&action=sign_in");

        Assert.Contains(all.QuerySelectorAll("table.versions tbody tr"), tr => tr.TextContent.Contains(StaffSiteFactory.AdminEmail, StringComparison.Ordinal));
        var rows = filtered.QuerySelectorAll("table.versions tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, tr => Assert.Contains("editor@example.org", tr.TextContent, StringComparison.Ordinal));
        Assert.All(rows, tr => Assert.Contains("登录", tr.Children[2].TextContent, StringComparison.Ordinal));
        Assert.All(rows, tr => Assert.DoesNotContain("sign_in", tr.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_freshness_view_lists_open_disagreements_and_pages_not_verified_for_a_year()
    {
        await _site.CreateUserAsync("publisher@example.org", Password, "", StaffRoles.Publisher);
        var client = await SignedInAsync("publisher@example.org");
        var page = await Html.GetAsync(client, EditUrl);
        using var saved = await PostEditorAsync(client, page, "Save", new() { ["LastVerified"] = "2020-01-01" });
        using var published = await PostEditorAsync(client, await Html.GetAsync(client, EditUrl), "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var freshness = await Html.GetAsync(client, "/staff/freshness");

        var text = freshness.QuerySelector("main")!.TextContent;
        Assert.Contains("2020年1月1日", text, StringComparison.Ordinal);
        Assert.Contains("上海的共济资金能不能在药店用", text, StringComparison.Ordinal);
        Assert.NotNull(freshness.QuerySelector($"a[href='{EditUrl}']"));
    }

    [Fact]
    public async Task An_admin_creates_an_editor_for_beijing_who_can_edit_beijing_only_and_it_is_audited()
    {
        await _site.CreateAdminAsync();
        var admin = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var form = await Html.GetAsync(admin, "/staff/users");
        using var content = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("Email", "bj@example.org"),
            new("Password", Password),
            new("Roles", StaffRoles.Editor),
            new("Scope", "listed"),
            new("Regions", "beijing"),
            new("__RequestVerificationToken", form.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        });

        using var created = await admin.PostAsync("/staff/users", content);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = await SignedInAsync("bj@example.org");
        using var beijing = await editor.GetAsync(EditUrl);
        using var shanghai = await editor.GetAsync("/staff/content/shanghai/overview");
        using var users = await editor.GetAsync("/staff/users");
        Assert.Equal(HttpStatusCode.OK, beijing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, shanghai.StatusCode);
        Assert.StartsWith("/staff/denied", users.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var actions = await _site.WithDbAsync(db => db.Audit.Where(a => a.Subject == "bj@example.org").Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.UserCreated, actions);
        Assert.Contains(AuditActions.RoleGranted, actions);
    }

    [Fact]
    public async Task An_unknown_region_or_a_short_password_is_explained_and_nothing_is_created()
    {
        await _site.CreateAdminAsync();
        var admin = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var form = await Html.GetAsync(admin, "/staff/users");
        using var content = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("Email", "bad@example.org"),
            new("Password", "short"),
            new("Scope", "listed"),
            new("Regions", "atlantis"),
            new("__RequestVerificationToken", form.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        });

        using var response = await admin.PostAsync("/staff/users", content);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("atlantis", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _site.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "bad@example.org")));
    }

    /// <summary>The eligibility verdict for a relative, insured as a resident in the same region, of an employee member.</summary>
    private async Task<string> VerdictAsync(string region, string relationship, string purpose)
    {
        using var content = new StringContent($$"""
            { "region": "{{region}}", "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
              "member": { "relationship": "{{relationship}}", "insurance": "resident", "status": "normal", "location": "same_region" },
              "purpose": "{{purpose}}" }
            """, System.Text.Encoding.UTF8, "application/json");
        using var response = await _site.CreateClient().PostAsync("/api/eligibility", content);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("verdict").GetString()!;
    }

    private Task<string> VerdictForOtherRelativeAsync() => VerdictAsync("fuzhou", "other", "hospital");

    private Task<string> ShanghaiPharmacyVerdictAsync() => VerdictAsync("shanghai", "parent", "pharmacy");

    [Fact]
    public async Task Publishing_an_edited_parameter_changes_the_eligibility_answer()
    {
        const string url = "/staff/parameters/national/relatives";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        Assert.Equal("not_eligible", await VerdictForOtherRelativeAsync());
        var page = await Html.GetAsync(client, url);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        var at = yaml.LastIndexOf("grandchild]", StringComparison.Ordinal);
        Assert.True(at > 0, yaml);

        // The last value lists other relatives as excluded; widening it means dropping that exclusion too.
        var widened = yaml[..at] + "grandchild, other]" + yaml[(at + "grandchild]".Length)..].Replace("excluded: [other]", "excluded: []", StringComparison.Ordinal);
        using var saved = await StaffForms.PostYamlAsync(client, page, url, "Save", widened);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, url), url, "Publish", "");

        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Equal("eligible", await VerdictForOtherRelativeAsync());
    }

    [Fact]
    public async Task An_incomplete_parameter_draft_is_kept_and_cannot_be_published_until_it_reads_back()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, url);
        var original = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        var broken = original.Replace("sources: [doc-003]", "sources: [doc-003", StringComparison.Ordinal);

        using var saved = await StaffForms.PostYamlAsync(client, page, url, "Save", broken);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await Html.GetAsync(client, url);
        Assert.Equal(broken.Trim(), draft.QuerySelector("textarea[name=Yaml]")!.TextContent.Trim());
        Assert.Contains("malformed YAML", draft.QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);

        using var refused = await StaffForms.PostYamlAsync(client, draft, url, "Publish", "");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("60%", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);

        var fixedText = original.Replace("value: 0.6", "value: 0.5", StringComparison.Ordinal);
        using var resaved = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, url), url, "Save", fixedText);
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, url), url, "Publish", "");
        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Contains("50%", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_has_a_history_with_a_diff_between_versions()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, url);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent.Replace("value: 0.6", "value: 0.65", StringComparison.Ordinal);
        using var saved = await StaffForms.PostYamlAsync(client, page, url, "Save", yaml);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var history = await Html.GetAsync(client, "/staff/history/beijing/parameter/annual_cap_share?from=1&to=2");

        Assert.Equal(2, history.QuerySelectorAll("ol.version-list li.version").Length);
        Assert.Contains(history.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("0.65", StringComparison.Ordinal));
    }

    private const string PharmacyUrl = "/staff/disagreements/shanghai/shanghai-pharmacy";

    private static string Decided(string yaml, string follow) => yaml.Replace(
        "    resolution: check_locally", $"    resolution: follow\n    follow: {follow}", StringComparison.Ordinal);

    [Fact]
    public async Task Deciding_a_disagreement_changes_the_public_page_the_answer_and_the_freshness_view()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        Assert.Equal("needs_check", await ShanghaiPharmacyVerdictAsync());
        Assert.NotNull((await Html.GetAsync(client, "/staff/freshness")).QuerySelector($"a[href='{PharmacyUrl}']"));
        Assert.NotNull((await Html.GetAsync(client, "/staff/regions/shanghai")).QuerySelector($"a[href='{PharmacyUrl}']"));
        var page = await Html.GetAsync(client, PharmacyUrl);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        Assert.Contains("上海的共济资金能不能在药店用", yaml, StringComparison.Ordinal);

        using var saved = await StaffForms.PostYamlAsync(client, page, PharmacyUrl, "Save", Decided(yaml, "0"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("needs_check", await ShanghaiPharmacyVerdictAsync());
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, PharmacyUrl), PharmacyUrl, "Publish", "");

        Assert.Equal(PharmacyUrl + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Equal("eligible", await ShanghaiPharmacyVerdictAsync());
        var article = (await Html.GetAsync(_site.CreateClient(), "/regions/shanghai")).QuerySelectorAll("details.disagreement")
            .Single(a => a.QuerySelector(".topic")!.TextContent == "上海的共济资金能不能在药店用");
        Assert.Contains("可以支付家人", article.QuerySelector("li.followed")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("尚无定论", article.TextContent, StringComparison.Ordinal);
        Assert.Null((await Html.GetAsync(client, "/staff/freshness")).QuerySelector($"a[href='{PharmacyUrl}']"));
        var history = await Html.GetAsync(client, "/staff/history/shanghai/disagreement/shanghai-pharmacy?from=1&to=2");
        Assert.Contains(history.QuerySelectorAll("pre.diff .ins"), line => line.TextContent.Contains("follow: 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_following_a_claim_that_does_not_exist_is_refused_and_nothing_changes()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, PharmacyUrl);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        using var saved = await StaffForms.PostYamlAsync(client, page, PharmacyUrl, "Save", Decided(yaml, "5"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var refused = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, PharmacyUrl), PharmacyUrl, "Publish", "");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await Html.ParseAsync(refused)).QuerySelector("#yaml-error")!.TextContent;
        Assert.Contains("follow", problems, StringComparison.Ordinal);
        Assert.Equal("needs_check", await ShanghaiPharmacyVerdictAsync());
    }

    [Fact]
    public async Task A_disagreement_text_under_another_id_is_kept_as_an_incomplete_draft()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var page = await Html.GetAsync(client, PharmacyUrl);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent.Replace("shanghai-pharmacy:", "other-topic:", StringComparison.Ordinal);

        using var saved = await StaffForms.PostYamlAsync(client, page, PharmacyUrl, "Save", yaml);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await Html.GetAsync(client, PharmacyUrl);
        Assert.Contains("other-topic:", draft.QuerySelector("textarea[name=Yaml]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请只保留分歧“shanghai-pharmacy”", draft.QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_saves_of_a_parameter_from_the_same_version_conflict_and_the_second_text_is_kept()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        await _site.CreateUserAsync("first@example.org", Password, "beijing", StaffRoles.Editor);
        await _site.CreateUserAsync("second@example.org", Password, "beijing", StaffRoles.Editor);
        var first = await SignedInAsync("first@example.org");
        var second = await SignedInAsync("second@example.org");
        var firstPage = await Html.GetAsync(first, url);
        var secondPage = await Html.GetAsync(second, url);
        var original = firstPage.QuerySelector("textarea[name=Yaml]")!.TextContent;

        using var ok = await StaffForms.PostYamlAsync(first, firstPage, url, "Save", original.Replace("value: 0.6", "value: 0.55", StringComparison.Ordinal));
        using var refused = await StaffForms.PostYamlAsync(second, secondPage, url, "Save", original.Replace("value: 0.6", "value: 0.7", StringComparison.Ordinal));
        var conflict = await Html.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("value: 0.55", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("value: 0.7", conflict.QuerySelector("textarea[name=Yaml]")!.TextContent, StringComparison.Ordinal);
        var mergedText = original.Replace("value: 0.6", "value: 0.65", StringComparison.Ordinal);
        // A plain save again is refused again; only the explicit replace saves over the other version.
        using var again = await StaffForms.PostYamlAsync(second, conflict, url, "Save", mergedText);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var againPage = await Html.ParseAsync(again);
        Assert.Contains("value: 0.55", againPage.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        var replace = againPage.QuerySelector("form.editor button[name=ReplaceStamp]")!;
        using var merged = await new FormFields(againPage.QuerySelector("form.editor")!)
            .Set("Yaml", mergedText).Set("ReplaceStamp", replace.GetAttribute("value")!).PostAsync(second, url, "Save");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains("value: 0.65", (await Html.GetAsync(second, url)).QuerySelector("textarea[name=Yaml]")!.TextContent, StringComparison.Ordinal);
    }

    private const string FuzhouRelatives = """
        region: fuzhou
        parameters:
          relatives:
            values:
              2026-11-01:
                value: [spouse, parent, child, other]
                sources: [xinhua-nhsa-qa-2024]
        """;

    private static async Task<HttpResponseMessage> PostNewRecordAsync(HttpClient client, string region, string yaml)
    {
        var form = (await Html.GetAsync(client, $"/staff/regions/{region}")).QuerySelector("form.editor")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Yaml"] = yaml,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        return await client.PostAsync($"/staff/regions/{region}?handler=Create", content);
    }

    [Fact]
    public async Task A_region_gets_a_parameter_of_its_own_as_a_draft_that_changes_the_answer_once_published()
    {
        const string url = "/staff/parameters/fuzhou/relatives";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);

        using var created = await PostNewRecordAsync(client, "fuzhou", FuzhouRelatives);

        Assert.Equal(url + "?saved=1", created.Headers.Location!.OriginalString);
        Assert.Equal("not_eligible", await VerdictForOtherRelativeAsync());
        var region = await Html.GetAsync(client, "/staff/regions/fuzhou");
        Assert.Contains("未发布（新建或已停用）", region.QuerySelector($"a[href='{url}']")!.ParentElement!.TextContent, StringComparison.Ordinal);
        using var published = await StaffForms.PostYamlAsync(client, await Html.GetAsync(client, url), url, "Publish", "");
        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        Assert.Equal("eligible", await VerdictForOtherRelativeAsync());
    }

    [Theory]
    [InlineData("relatives:", "no_such_rule:", HttpStatusCode.BadRequest, "no_such_rule")]
    [InlineData("region: fuzhou", "region: beijing", HttpStatusCode.BadRequest, "region")]
    [InlineData("value: [spouse, parent, child, other]", "value: [spouse, parent", HttpStatusCode.BadRequest, "malformed YAML")]
    [InlineData("\n        sources: [xinhua-nhsa-qa-2024]", "", HttpStatusCode.BadRequest, "sources")]
    public async Task A_new_record_with_a_problem_is_explained_beside_the_field_and_not_created(string find, string replace, HttpStatusCode status, string named)
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);

        using var refused = await PostNewRecordAsync(client, "fuzhou", FuzhouRelatives.Replace(find, replace, StringComparison.Ordinal));

        Assert.Equal(status, refused.StatusCode);
        Assert.Contains(named, (await Html.ParseAsync(refused)).QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _site.WithDbAsync(db => db.Records.CountAsync(r => r.RegionSlug == "fuzhou" && r.Kind == RecordKind.Parameter && r.Key == "relatives")));
    }

    [Fact]
    public async Task A_parameter_the_region_already_has_is_refused_with_a_pointer_to_it()
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var yaml = (await Html.GetAsync(client, "/staff/parameters/beijing/annual_cap_share")).QuerySelector("textarea[name=Yaml]")!.TextContent;

        using var refused = await PostNewRecordAsync(client, "beijing", yaml);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("annual_cap_share", (await Html.ParseAsync(refused)).QuerySelector("#yaml-error")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostNewPageAsync(HttpClient client, string region, string kind, string title, string? channel = null, string? mode = null)
    {
        var form = (await Html.GetAsync(client, $"/staff/regions/{region}")).QuerySelector("form[action*=CreatePage]")!;
        var fields = new Dictionary<string, string>
        {
            ["PageKind"] = kind,
            ["PageTitle"] = title,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        fields["ChannelId"] = channel ?? "";
        if (mode is not null)
        {
            fields["ChannelMode"] = mode;
        }
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"/staff/regions/{region}?handler=CreatePage", content);
    }

    [Fact]
    public async Task A_region_gets_a_page_of_its_own_written_in_the_editor_and_public_once_published()
    {
        const string url = "/staff/content/hebei/faq";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var before = await _site.CreateClient().GetAsync("/regions/hebei/faq");

        using var created = await PostNewPageAsync(client, "hebei", "faq", "河北家庭共济常见问题");
        Assert.Equal(url + "?saved=1", created.Headers.Location!.OriginalString);
        var editor = await Html.GetAsync(client, url);
        Assert.Contains("没有已发布的版本", editor.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        using var refused = await PostEditorAsync(client, url, editor, "Publish");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var saved = await PostEditorAsync(client, url, await Html.GetAsync(client, url), "Save", new()
        {
            ["Sources"] = "doc-003",
            ["Body"] = "## 谁可以共济\n\n河北页面的测试正文。[来源](/sources#doc-003)",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var published = await PostEditorAsync(client, url, await Html.GetAsync(client, url), "Publish");

        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        var page = await _site.CreateClient().GetStringAsync("/regions/hebei/faq");
        Assert.Contains("河北家庭共济常见问题", page, StringComparison.Ordinal);
        Assert.Contains("河北页面的测试正文。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("河北页面的测试正文。", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await Html.GetAsync(client, "/staff/regions/hebei")).QuerySelector("select[name=PageKind] option[value=faq]"));
    }

    [Theory]
    [InlineData("faq", "", "PageTitle")]
    [InlineData("no-such-kind", "标题", "PageKind")]
    [InlineData("overview", "标题", "PageKind")]
    public async Task A_new_page_with_a_bad_field_is_explained_beside_it_and_not_created(string kind, string title, string field)
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);

        using var refused = await PostNewPageAsync(client, kind == "overview" ? "beijing" : "hebei", kind, title);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Html.ParseAsync(refused)).QuerySelector($"[data-valmsg-for={field}]")!.TextContent));
        Assert.Equal(0, await _site.WithDbAsync(db => db.Records.CountAsync(r => r.RegionSlug == "hebei" && r.Kind == RecordKind.Page)));
    }

    [Fact]
    public async Task A_region_gets_a_binding_channel_of_its_own_that_its_binding_page_lists_once_published()
    {
        const string url = "/staff/content/hebei/channel/hebei-app";
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);

        using var created = await PostNewPageAsync(client, "hebei", "channel", "河北测试渠道", "hebei-app", "Online");
        Assert.Equal(url + "?saved=1", created.Headers.Location!.OriginalString);
        var editor = await Html.GetAsync(client, url);
        Assert.Contains("## 步骤", editor.QuerySelector("textarea[name=Body]")!.TextContent, StringComparison.Ordinal);

        using var saved = await PostEditorAsync(client, url, editor, "Save", new()
        {
            ["Sources"] = "doc-003",
            ["Body"] = "## 步骤\n\n1. 测试用的第一步。[来源](/sources#doc-003)\n\n## 带齐这些材料\n\n- 测试用的材料。",
        });
        using var published = await PostEditorAsync(client, url, await Html.GetAsync(client, url), "Publish");

        Assert.Equal(url + "?published=1", published.Headers.Location!.OriginalString);
        var binding = await _site.CreateClient().GetStringAsync("/regions/hebei/binding");
        Assert.Contains("河北测试渠道", binding, StringComparison.Ordinal);
        Assert.Contains("测试用的第一步。", binding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hebei", "Bad Id", "Online", "ChannelId")]
    [InlineData("hebei", "hebei-app", null, "ChannelMode")]
    [InlineData("shanghai", "suishenban", "Online", "ChannelId")]
    public async Task A_new_channel_with_a_bad_field_is_explained_beside_it_and_not_created(string region, string channel, string? mode, string field)
    {
        await _site.CreateAdminAsync();
        var client = await SignedInAsync(StaffSiteFactory.AdminEmail);
        var before = await _site.WithDbAsync(db => db.Records.CountAsync(r => r.Kind == RecordKind.Page));

        using var refused = await PostNewPageAsync(client, region, "channel", "测试渠道", channel, mode);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Html.ParseAsync(refused)).QuerySelector($"[data-valmsg-for={field}]")!.TextContent));
        Assert.Equal(before, await _site.WithDbAsync(db => db.Records.CountAsync(r => r.Kind == RecordKind.Page)));
    }
}
