using System.Net;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Tests.Staff;

/// <summary>
/// Parameters and disagreements edited in forms: the form stands for the same YAML the 高级 view shows, so a change
/// saved through the form is the record the same change saved as YAML would be; bad input is explained beside its
/// field and nothing typed is lost.
/// </summary>
public sealed class StaffFormsTests : IDisposable
{
    // The bad-input test publishes directly; review before publishing is tested with the review pages.
    // A site per test: tests save seeded records and compare them with the record as imported, which an earlier test's publish would change.
    private readonly StaffSiteFactory _site = new() { DirectPublishing = true };

    public void Dispose() => _site.Dispose();

    private Task<HttpClient> AdminAsync() => _site.SignedInAdminAsync();

    private Task<(string Payload, string? DraftText)> DraftAsync(string recordKey) => _site.WithDbAsync(db => db.Versions
        .Where(v => v.Record!.Key == recordKey && v.Status == VersionStatus.Draft)
        .OrderByDescending(v => v.Number).Select(v => ValueTuple.Create(v.Payload, v.DraftText)).FirstAsync());

    private Task<string> PublishedAsync(string recordKey) => _site.WithDbAsync(db => db.Versions
        .Where(v => v.Record!.Key == recordKey && v.Status == VersionStatus.Published).Select(v => v.Payload).SingleAsync());

    private static FormFields FormOf(AngleSharp.Dom.IDocument page) => new(page.QuerySelector("form#record-form")!);

    /// <summary>Saves a change through the form, then the same change as YAML from the version that made; returns both payloads.</summary>
    private async Task<(string Form, string Yaml)> SaveBothWaysAsync(string url, string recordKey, Action<FormFields> change, Func<string, string> sameChangeInYaml)
    {
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, url);
        var yaml = page.QuerySelector("textarea[name=Yaml]")!.TextContent;
        var form = FormOf(page);
        change(form);
        using var saved = await form.PostAsync(client, url, "SaveForm");
        Assert.Equal(url + "?saved=1", saved.Headers.Location?.OriginalString);
        var (formPayload, formText) = await DraftAsync(recordKey);
        Assert.Null(formText);

        var again = await Html.GetAsync(client, url);
        using var savedYaml = await StaffForms.PostYamlAsync(client, again, url, "Save", sameChangeInYaml(yaml));
        Assert.Equal(url + "?saved=1", savedYaml.Headers.Location?.OriginalString);
        var (yamlPayload, yamlText) = await DraftAsync(recordKey);
        Assert.Null(yamlText);
        Assert.NotEqual(await PublishedAsync(recordKey), formPayload);
        return (formPayload, yamlPayload);
    }

    private static string Replace(string text, string find, string replace)
    {
        Assert.Contains(find, text, StringComparison.Ordinal);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff/parameters/national/relatives", "national/relatives")]
    [InlineData("/staff/parameters/beijing/annual_cap_share", "beijing/annual_cap_share")]
    [InlineData("/staff/parameters/shanghai/payment_order", "shanghai/payment_order")]
    [InlineData("/staff/parameters/shanghai/member_account_first", "shanghai/member_account_first")]
    [InlineData("/staff/disagreements/shanghai/shanghai-pharmacy", "shanghai/shanghai-pharmacy")]
    [InlineData("/staff/disagreements/shanghai/shanghai-relatives", "shanghai/shanghai-relatives")]
    public async Task A_form_saved_unchanged_is_the_published_record_exactly(string url, string recordKey)
    {
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, url);

        using var saved = await FormOf(page).PostAsync(client, url, "SaveForm");

        Assert.Equal(url + "?saved=1", saved.Headers.Location?.OriginalString);
        var (payload, text) = await DraftAsync(recordKey);
        Assert.Null(text);
        Assert.Equal(await PublishedAsync(recordKey), payload);
    }

    [Fact]
    public async Task A_list_value_changed_in_the_form_is_the_same_record_as_the_change_in_yaml()
    {
        var (form, yaml) = await SaveBothWaysAsync("/staff/parameters/national/relatives", "national/relatives",
            f => f.Set("ParameterEdit.Rows[3].Codes[other]", "allowed").Set("ParameterEdit.Rows[3].Codes[sibling]", "not_stated"),
            y => Replace(y, """
                      2026-01-09:
                        value: [spouse, parent, child, sibling, grandparent, grandchild]
                        excluded: [other]
                """.Replace("\r\n", "\n", StringComparison.Ordinal), """
                      2026-01-09:
                        value: [spouse, parent, child, grandparent, grandchild, other]
                """.Replace("\r\n", "\n", StringComparison.Ordinal)));

        Assert.Equal(yaml, form);
        Assert.Contains("\"other\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_row_added_in_the_form_with_its_source_is_the_same_record_as_the_entry_added_in_yaml()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, url);
        using var added = await FormOf(page).PostAsync(client, url, "AddRow");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await Html.ParseAsync(added);
        Assert.Equal("0.6", withRow.QuerySelector("input[name='ParameterEdit.Rows[1].Value']")!.GetAttribute("value"));
        var form = FormOf(withRow)
            .Set("ParameterEdit.Rows[1].From", "2026-12-01")
            .Set("ParameterEdit.Rows[1].Value", "0.5")
            .Set("ParameterEdit.Rows[1].Sources", "doc-003", "doc-001")
            .Set("ParameterEdit.Rows[1].Note", "表单新增的值。");
        using var saved = await form.PostAsync(client, url, "SaveForm");
        Assert.Equal(url + "?saved=1", saved.Headers.Location?.OriginalString);
        var (formPayload, formText) = await DraftAsync("beijing/annual_cap_share");
        Assert.Null(formText);

        var again = await Html.GetAsync(client, url);
        var yaml = Replace(page.QuerySelector("textarea[name=Yaml]")!.TextContent, "    last_verified:", """
                  2026-12-01:
                    value: 0.5
                    sources: [doc-003, doc-001]
                    note: 表单新增的值。
                last_verified:
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var savedYaml = await StaffForms.PostYamlAsync(client, again, url, "Save", yaml);
        Assert.Equal(url + "?saved=1", savedYaml.Headers.Location?.OriginalString);
        var (yamlPayload, yamlText) = await DraftAsync("beijing/annual_cap_share");

        Assert.Null(yamlText);
        Assert.Equal(yamlPayload, formPayload);
        Assert.Contains("2026-12-01", formPayload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_value_changed_in_the_form_is_the_same_record_as_the_change_in_yaml()
    {
        const string text = "先用家人本人的个人账户，不够时再用共济资金（表单修改）。";
        var (form, yaml) = await SaveBothWaysAsync("/staff/parameters/shanghai/payment_order", "shanghai/payment_order",
            f => f.Set("ParameterEdit.Rows[0].Value", text).Set("ParameterEdit.Rows[0].Unconfirmed"),
            y => Replace(Replace(y, "value: 家人参加职工医保的，结算时先用其本人个人账户的结余，不够再用家庭共济资金。", "value: " + text), "        unconfirmed: true\n", ""));

        Assert.Equal(yaml, form);
    }

    [Fact]
    public async Task A_flag_changed_in_the_form_is_the_same_record_as_the_change_in_yaml()
    {
        var (form, yaml) = await SaveBothWaysAsync("/staff/parameters/shanghai/member_account_first", "shanghai/member_account_first",
            f => f.Set("ParameterEdit.Rows[0].Value", "false").Set("ParameterEdit.Rows[0].Until", "2026-06-30"),
            y => Replace(y, "value: true\n        sources: [doc-000]\n", "value: false\n        sources: [doc-000]\n        until: 2026-06-30\n"));

        Assert.Equal(yaml, form);
    }

    [Fact]
    public async Task A_disagreement_decided_in_the_form_is_the_same_record_as_the_decision_in_yaml()
    {
        var (form, yaml) = await SaveBothWaysAsync("/staff/disagreements/shanghai/shanghai-pharmacy", "shanghai/shanghai-pharmacy",
            f => f.Set("DisagreementEdit.Decisions[0].Resolution", "follow").Set("DisagreementEdit.Decisions[0].Follow", "1")
                .Set("DisagreementEdit.Claims[1].Sources", "doc-004", "notice-2026"),
            y => Replace(Replace(y, "    resolution: check_locally", "    resolution: follow\n    follow: 1"), "sources: [doc-004]", "sources: [doc-004, notice-2026]"));

        Assert.Equal(yaml, form);
        Assert.Contains("\"follow\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disagreement_with_a_decision_per_period_edited_in_the_form_is_the_same_record_as_in_yaml()
    {
        var (form, yaml) = await SaveBothWaysAsync("/staff/disagreements/shanghai/shanghai-relatives", "shanghai/shanghai-relatives",
            f => f.Set("DisagreementEdit.Decisions[1].Reason", "表单改写的理由。").Set("DisagreementEdit.Decisions[0].Until", "2026-01-10")
                .Set("DisagreementEdit.Decisions[1].From", "2026-01-11"),
            y => Replace(Replace(Replace(y, "reason: 2026年的国家通知更晚、更权威，近亲属在全国（包括上海）都可以共济。", "reason: 表单改写的理由。"),
                "until: 2026-01-08", "until: 2026-01-10"), "from: 2026-01-09", "from: 2026-01-11"));

        Assert.Equal(yaml, form);
    }

    [Fact]
    public async Task Bad_form_input_is_explained_beside_each_field_keeps_what_was_typed_and_changes_nothing_public()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        var client = await AdminAsync();
        var form = FormOf(await Html.GetAsync(client, url))
            .Set("ParameterEdit.Rows[0].Value", "六成")
            .Set("ParameterEdit.Rows[0].Until", "2026-13-01")
            .Set("ParameterEdit.Rows[0].Sources");

        using var saved = await form.PostAsync(client, url, "SaveForm");
        Assert.Equal(url + "?saved=1", saved.Headers.Location?.OriginalString);
        var draft = await Html.GetAsync(client, url);

        Assert.Contains("不是数字", draft.QuerySelector("#ParameterEdit-Rows-0--Value-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("不是日期", draft.QuerySelector("#ParameterEdit-Rows-0--Until-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请至少选择一个来源", draft.QuerySelector("#ParameterEdit-Rows-0--sources-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("六成", draft.QuerySelector("#ParameterEdit-Rows-0--Value")!.GetAttribute("value"));
        Assert.Equal("true", draft.QuerySelector("#ParameterEdit-Rows-0--Value")!.GetAttribute("aria-invalid"));
        Assert.Equal("2026-13-01", draft.QuerySelector("#ParameterEdit-Rows-0--Until")!.GetAttribute("value"));
        Assert.Contains("ParameterEdit-Rows-0--Value-error", draft.QuerySelector("#ParameterEdit-Rows-0--Value")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.NotNull((await DraftAsync("beijing/annual_cap_share")).DraftText);
        Assert.Contains("60%", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);

        using var refused = await FormOf(draft).PostAsync(client, url, "Publish");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("60%", await _site.CreateClient().GetStringAsync("/regions/beijing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_row_without_a_date_is_not_saved_and_the_form_comes_back_with_what_was_typed()
    {
        const string url = "/staff/parameters/beijing/annual_cap_share";
        var client = await AdminAsync();
        using var added = await FormOf(await Html.GetAsync(client, url)).PostAsync(client, url, "AddRow");
        var form = FormOf(await Html.ParseAsync(added)).Set("ParameterEdit.Rows[1].Value", "0.45").Set("ParameterEdit.Rows[1].Note", "还没填日期");

        using var refused = await form.PostAsync(client, url, "SaveForm");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("请填写从哪天起", page.QuerySelector("#ParameterEdit-Rows-1--From-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0.45", page.QuerySelector("#ParameterEdit-Rows-1--Value")!.GetAttribute("value"));
        Assert.Equal("还没填日期", page.QuerySelector("textarea[name='ParameterEdit.Rows[1].Note']")!.TextContent);
        Assert.Equal(0, await _site.WithDbAsync(db => db.Versions.CountAsync(v => v.Record!.Key == "beijing/annual_cap_share" && v.Status == VersionStatus.Draft)));
    }

    [Fact]
    public async Task An_incomplete_disagreement_is_kept_as_a_draft_with_each_problem_beside_its_field()
    {
        const string url = "/staff/disagreements/shanghai/shanghai-pharmacy";
        var client = await AdminAsync();
        var form = FormOf(await Html.GetAsync(client, url))
            .Set("DisagreementEdit.Decisions[0].Resolution", "follow")
            .Set("DisagreementEdit.Decisions[0].Follow", "")
            .Set("DisagreementEdit.Decisions[0].Reason", "")
            .Set("DisagreementEdit.Claims[0].Text", "");

        using var saved = await form.PostAsync(client, url, "SaveForm");
        Assert.Equal(url + "?saved=1", saved.Headers.Location?.OriginalString);
        var draft = await Html.GetAsync(client, url);

        Assert.Contains("请选择采用哪一种说法", draft.QuerySelector("#DisagreementEdit-Decisions-0--Follow-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("说明为什么", draft.QuerySelector("#DisagreementEdit-Decisions-0--Reason-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("写出这种说法", draft.QuerySelector("#DisagreementEdit-Claims-0--Text-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("follow", draft.QuerySelector("input[name='DisagreementEdit.Decisions[0].Resolution'][checked]")!.GetAttribute("value"));
        Assert.Contains("不支持在药店买药", draft.QuerySelector("textarea[name='DisagreementEdit.Claims[1].Text']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_are_picked_by_their_chinese_title_and_vocabulary_codes_by_their_label()
    {
        var client = await AdminAsync();
        var page = await Html.GetAsync(client, "/staff/parameters/national/relatives");

        var box = page.QuerySelector("input[name='ParameterEdit.Rows[3].Sources'][value='notice-2026']")!;
        Assert.True(box.HasAttribute("checked"));
        var label = page.QuerySelector($"label[for='{box.Id}']")!.TextContent;
        Assert.DoesNotContain("notice-2026", label, StringComparison.Ordinal);
        Assert.Contains("通知", label, StringComparison.Ordinal);
        var other = page.QuerySelectorAll("fieldset.code-state").First(f => f.QuerySelector("input[name='ParameterEdit.Rows[3].Codes[other]']") is not null);
        Assert.Equal("其他亲属", other.QuerySelector("legend")!.TextContent);
        Assert.Equal("excluded", other.QuerySelector("input[checked]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[type=text][name*='Sources']"));
    }
}
