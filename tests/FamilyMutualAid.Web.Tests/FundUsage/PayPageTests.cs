using System.Globalization;
using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.FundUsage;

[Collection(SiteGroup.Name)]
public sealed class PayPageTests(SiteFactory site)
{
    private const string FuzhouBill = "region=fuzhou&venue=pharmacy&selfPay=500&memberOwnBalance=0&sharerBalance=2300&sharedThisYear=0";

    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task The_empty_form_labels_every_field()
    {
        var page = await Html.GetAsync(_client, "/pay");

        foreach (var input in page.QuerySelectorAll("form.pay-form input[type=text], form.pay-form select"))
        {
            Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
        }
        Assert.Null(page.QuerySelector(".split"));
    }

    [Fact]
    public async Task The_hint_on_the_members_own_balance_names_the_insurance_without_an_account_from_the_sharer_rule_and_cites_it()
    {
        var page = await Html.GetAsync(_client, "/pay");

        var hint = page.QuerySelector("#memberOwnBalance-hint")!;
        Assert.StartsWith("家人参加城乡居民医保、没有个人账户的，填 0。", hint.TextContent, StringComparison.Ordinal);
        var cited = hint.QuerySelectorAll("sup.cite a").Select(a => page.QuerySelector(a.GetAttribute("href")!)!.QuerySelector("a")!.GetAttribute("href")).ToList();
        Assert.Contains("/sources#xinhua-nhsa-qa-2024", cited);
    }

    [Fact]
    public async Task The_form_names_the_venues_in_the_sources_words_and_the_sharer_as_共济人()
    {
        var page = await Html.GetAsync(_client, "/pay?" + FuzhouBill.Replace("pharmacy", "hospital", StringComparison.Ordinal));

        Assert.Equal("在定点医疗机构看病", page.QuerySelector("label[for='venue-hospital']")!.TextContent.Trim());
        Assert.Equal("在定点零售药店买药", page.QuerySelector("label[for='venue-pharmacy']")!.TextContent.Trim());
        Assert.Contains("共济人", page.QuerySelector("label[for='sharerBalance']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("定点医疗机构结算", page.QuerySelector(".split")!.TextContent, StringComparison.Ordinal);
        // No source names clinics (诊所); 出钱的一方 is not what residents or the sources call the sharer.
        Assert.DoesNotContain("诊所", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("出钱", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzhou_keeps_the_2000_yuan_reserve_and_shows_the_split_as_a_bar_and_in_words()
    {
        var page = await Html.GetAsync(_client, "/pay?" + FuzhouBill);

        Assert.Contains("共济资金付 300.00 元", page.QuerySelector(".split-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("现金付 200.00 元", page.QuerySelector(".split-summary")!.TextContent, StringComparison.Ordinal);
        var widths = page.QuerySelectorAll(".split-bar rect").Select(r => decimal.Parse(r.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([0m, 60m, 40m], widths);
        Assert.Contains(page.QuerySelectorAll(".steps li.unconfirmed"), li => li.TextContent.Contains("2,000.00", StringComparison.Ordinal));
        Assert.NotEmpty(page.QuerySelectorAll(".warnings li"));
    }

    [Theory]
    [InlineData("0.0000000000000000000000000000001", "精确到分")]
    [InlineData("1e-30", "精确到分")]
    [InlineData("0.001", "精确到分")]
    [InlineData("1e400", "不能超过")]
    [InlineData("-0.01", "负数")]
    [InlineData("NaN", "请填写数字")]
    [InlineData("Infinity", "请填写数字")]
    [InlineData("1,000", "请填写数字")]
    public async Task An_amount_that_is_not_a_whole_number_of_fen_is_explained_beside_the_field(string value, string message)
    {
        using var response = await _client.GetAsync("/pay?" + FuzhouBill.Replace("selfPay=500", "selfPay=" + Uri.EscapeDataString(value), StringComparison.Ordinal));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#selfPay-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".split"));
    }

    [Fact]
    public async Task Bad_amounts_are_explained_beside_their_fields_and_the_other_values_are_kept()
    {
        using var response = await _client.GetAsync("/pay?region=fuzhou&venue=pharmacy&selfPay=-5&memberOwnBalance=&sharerBalance=1e9&sharedThisYear=0");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请填写数字", page.QuerySelector("#selfPay-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请填写金额", page.QuerySelector("#memberOwnBalance-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#sharerBalance-error"));
        Assert.Equal("true", page.QuerySelector("#selfPay")!.GetAttribute("aria-invalid"));
        Assert.Equal("0", page.QuerySelector("#sharedThisYear")!.GetAttribute("value"));
        Assert.Equal("selected", page.QuerySelector("#region option[value=fuzhou]")!.GetAttribute("selected"));
        Assert.Null(page.QuerySelector(".split"));
    }

    [Fact]
    public async Task After_calculating_the_result_comes_before_the_form()
    {
        var page = await Html.GetAsync(_client, "/pay?" + FuzhouBill);

        var order = page.QuerySelectorAll(".split, form.pay-form").Select(e => e.LocalName).ToList();
        Assert.Equal(["section", "form"], order);
        Assert.Equal("计算结果", page.QuerySelector("main h2")?.TextContent);
    }

    [Fact]
    public async Task The_error_summary_names_each_field_once_and_links_to_it()
    {
        using var response = await _client.GetAsync("/pay?region=&selfPay=&memberOwnBalance=&sharerBalance=&sharedThisYear=");
        var page = await Html.ParseAsync(response);

        var links = page.QuerySelectorAll(".error-summary li a").ToList();
        var names = links.Select(a => a.TextContent.Split('：')[0]).ToList();
        Assert.Equal(["参保地区", "结算地点", "家人自己要付的金额", "家人自己的账户余额", "共济人的账户余额", "今年已经共济的金额"], names);
        Assert.All(links, a => Assert.NotNull(page.QuerySelector(a.GetAttribute("href")!)));
        Assert.Null(page.QuerySelector(".split"));
    }

    [Fact]
    public async Task The_print_view_shows_the_inputs_the_split_and_the_sources()
    {
        var page = await Html.GetAsync(_client, "/pay/print?" + FuzhouBill);

        Assert.Contains("福州市", page.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".split-bar"));
        Assert.NotEmpty(page.QuerySelectorAll(".footnotes li"));
    }
}
