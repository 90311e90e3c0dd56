using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class CheckFlowTests(SiteFactory site)
{
    private const string ShanghaiSibling =
        "region=shanghai&sharer_insurance=employee&sharer_status=normal&balance=3000&relationship=sibling&member_insurance=resident&member_status=normal&location=same_region&purpose=hospital";

    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>Submits the question form on <paramref name="page"/> the way a browser would, with its antiforgery token.</summary>
    private async Task<HttpResponseMessage> AnswerAsync(IDocument page, string value)
    {
        var form = page.QuerySelector("form.question")!;
        var fields = new Dictionary<string, string>
        {
            ["step"] = form.QuerySelector("input[name=step]")!.GetAttribute("value")!,
            ["value"] = value,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task Answering_every_question_leads_to_a_result_whose_address_carries_the_answers()
    {
        var answers = new[] { "shanghai", "employee", "normal", "3000", "spouse", "resident", "normal", "same_region", "hospital" };
        var url = "/check";
        foreach (var answer in answers)
        {
            var page = await Html.GetAsync(_client, url);
            using var response = await AnswerAsync(page, answer);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            url = response.Headers.Location!.OriginalString;
        }

        Assert.StartsWith("/check/result?region=shanghai&", url, StringComparison.Ordinal);
        var result = await Html.GetAsync(_client, url);
        Assert.Contains("可以共济", result.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(result.QuerySelectorAll(".trace .check"));
    }

    [Fact]
    public async Task Each_question_has_a_hint_and_labelled_choices()
    {
        var page = await Html.GetAsync(_client, "/check?region=shanghai&step=relationship");

        Assert.NotNull(page.QuerySelector("fieldset legend.question-title"));
        Assert.Contains("为什么问这个", page.QuerySelector(".hint")!.TextContent, StringComparison.Ordinal);
        var radios = page.QuerySelectorAll("input[type=radio][name=value]");
        Assert.Equal(7, radios.Length);
        Assert.All(radios, r => Assert.NotNull(page.QuerySelector($"label[for='{r.Id}']")));
    }

    [Theory]
    [InlineData("abc", "请填写数字")]
    [InlineData("-5", "请填写数字")]
    [InlineData("99999999999", "不能超过")]
    [InlineData("1.234", "精确到分")]
    [InlineData("", "请填写金额")]
    [InlineData("0.0000000000000000000000000000001", "精确到分")]
    [InlineData("1e-30", "精确到分")]
    [InlineData("1e400", "不能超过")]
    public async Task A_bad_balance_is_explained_beside_the_field_and_the_other_answers_are_kept(string value, string message)
    {
        var page = await Html.GetAsync(_client, "/check?region=shanghai&sharer_insurance=employee&sharer_status=normal&step=balance");

        using var response = await AnswerAsync(page, value);
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, again.QuerySelector("#value-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", again.QuerySelector("#value-input")!.GetAttribute("aria-invalid"));
        Assert.Contains("value-error", again.QuerySelector("#value-input")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(value, again.QuerySelector("#value-input")!.GetAttribute("value") ?? "");
        Assert.Contains("sharer_insurance=employee", again.QuerySelector("form.question")!.GetAttribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_balance_below_one_fen_is_not_carried_from_the_address_into_a_result()
    {
        using var response = await _client.GetAsync("/check/result?" + ShanghaiSibling.Replace("balance=3000", "balance=0.0000000000000000000000000000001", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("step=balance", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_such_step", "3000")]
    [InlineData("", "3000")]
    [InlineData("balance\u0000", "3000")]
    public async Task A_post_for_an_unknown_step_shows_the_form_again_with_a_message(string step, string value)
    {
        var page = await Html.GetAsync(_client, "/check?region=shanghai&sharer_insurance=employee&sharer_status=normal&step=balance");
        var form = page.QuerySelector("form.question")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["step"] = step,
            ["value"] = value,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });

        using var response = await _client.PostAsync(form.GetAttribute("action"), content);
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("balance", again.QuerySelector("form.question input[name=step]")!.GetAttribute("value"));
        Assert.False(string.IsNullOrWhiteSpace(again.QuerySelector("#value-error")?.TextContent), "no message beside the field");
        Assert.Contains("sharer_status=normal", again.QuerySelector("form.question")!.GetAttribute("action"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("balance", 5 * 1024 * 1024)]
    [InlineData("relationship", 5 * 1024 * 1024)]
    [InlineData("balance", 2000)]
    public async Task A_huge_value_shows_the_form_again_with_a_message_beside_the_field(string step, int length)
    {
        var page = await Html.GetAsync(_client, $"/check?region=shanghai&sharer_insurance=employee&sharer_status=normal&step={step}");

        using var response = await AnswerAsync(page, new string('9', length));
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(step, again.QuerySelector("form.question input[name=step]")!.GetAttribute("value"));
        Assert.False(string.IsNullOrWhiteSpace(again.QuerySelector("#value-error")?.TextContent), "no message beside the field");
        Assert.True(again.DocumentElement.OuterHtml.Length < 100_000, "the huge value is echoed back");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["step"] = "region", ["value"] = "shanghai" });

        using var response = await _client.PostAsync("/check", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Changing_one_answer_keeps_the_others_and_returns_to_the_result()
    {
        var result = await Html.GetAsync(_client, "/check/result?" + ShanghaiSibling);
        var change = result.QuerySelector("a[aria-label='修改家人关系']")!.GetAttribute("href")!;

        var question = await Html.GetAsync(_client, change);
        Assert.Equal("checked", question.QuerySelector("input[value=sibling]")!.GetAttribute("checked"));
        using var response = await AnswerAsync(question, "other");

        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/check/result?", location, StringComparison.Ordinal);
        Assert.Contains("relationship=other", location, StringComparison.Ordinal);
        Assert.Contains("balance=3000", location, StringComparison.Ordinal);
        var changed = await Html.GetAsync(_client, location);
        Assert.Contains("不能共济", changed.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_result_address_goes_back_to_the_first_missing_question()
    {
        using var response = await _client.GetAsync("/check/result?region=shanghai&balance=abc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/check?region=shanghai&step=sharer_insurance", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_receipt_lists_answers_verdict_rules_with_sources_and_the_date()
    {
        var receipt = await Html.GetAsync(_client, "/check/receipt?" + ShanghaiSibling);

        Assert.Equal(9, receipt.QuerySelectorAll(".receipt-answers tr").Length);
        Assert.Contains("结论", receipt.QuerySelector(".verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("检查日期", receipt.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(receipt.QuerySelectorAll(".trace .check"), c => c.QuerySelector(".effective") is not null && c.QuerySelector("sup.cite") is not null);
        Assert.NotEmpty(receipt.QuerySelectorAll(".footnotes li"));
    }

    [Fact]
    public async Task A_relative_elsewhere_gets_a_link_to_the_cross_region_guide()
    {
        var result = await Html.GetAsync(_client, "/check/result?" + ShanghaiSibling.Replace("location=same_region", "location=same_province", StringComparison.Ordinal));

        Assert.NotNull(result.QuerySelector(".next-steps a[href='/regions/shanghai/cross-region']"));
    }
}
