using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.FundUsage;

/// <summary>/pay for a relative insured in another province: the 医保钱包 plan beside the split, on the test clock (2026-12-01).</summary>
[Collection(SiteGroup.Name)]
public sealed class WalletPageTests(SiteFactory site)
{
    // A mother insured in 河南, a 7,000-yuan pharmacy bill, a sharer in 上海 with 9,000, starting at 20:30.
    private const string HenanMother = "region=shanghai&memberRegion=henan&venue=pharmacy&selfPay=7000&memberOwnBalance=0&sharerBalance=9000&sharedThisYear=0&startDate=2026-12-08&startTime=20:30";

    private readonly HttpClient _client = site.CreateClient();

    private static string Words(AngleSharp.Dom.IElement? element) =>
        string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task A_mother_in_another_province_gets_transfers_days_and_each_days_amounts()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother);

        var wallet = page.QuerySelector("section.wallet")!;
        Assert.Contains("共需转账 4 次，分 2 天转完", Words(wallet.QuerySelector(".wallet-headline")), StringComparison.Ordinal);
        var days = wallet.QuerySelectorAll(".wallet-days li").Select(Words).ToList();
        Assert.Equal(2, days.Count);
        Assert.Contains("2026年12月8日", days[0], StringComparison.Ordinal);
        Assert.Contains("20:30 到 22:00", days[0], StringComparison.Ordinal);
        Assert.Contains("2,000.00 元 × 3", days[0], StringComparison.Ordinal);
        Assert.Contains("2026年12月9日", days[1], StringComparison.Ordinal);
        Assert.Contains("06:00 到 22:00", days[1], StringComparison.Ordinal);
        Assert.Contains("1,000.00 元", days[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_till_is_in_the_relatives_province_and_the_wallet_pays_what_was_transferred()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother.Replace("sharerBalance=9000", "sharerBalance=5000", StringComparison.Ordinal));

        var till = Words(page.QuerySelector(".wallet-till"));
        Assert.Contains("在河南省的定点零售药店结算时可以用医保钱包付，结算 7,000.00 元", till, StringComparison.Ordinal);
        Assert.Contains("可用医保钱包付 5,000.00 元", till, StringComparison.Ordinal);
        // What the wallet may pay for is not in the sources: the till line says so rather than promising it.
        Assert.Contains("资料没有说明医保钱包能付哪些费用", till, StringComparison.Ordinal);
        Assert.Contains("其余 2,000.00 元", till, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("section.wallet .warnings"), p => p.TextContent.Contains("余额只有 5,000.00 元", StringComparison.Ordinal));
        // The split names where the relative pays, not the sharer's city.
        Assert.Contains("在河南省的定点零售药店结算", Words(page.QuerySelector(".split-summary")), StringComparison.Ordinal);
        Assert.DoesNotContain("上海市的定点零售药店", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_limit_is_cited_with_the_report_and_marked_unconfirmed_as_the_data_has_it()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother);

        var rules = page.QuerySelectorAll("section.wallet .wallet-rules li").ToList();
        Assert.Equal(4, rules.Count);
        Assert.Contains("每笔最多转 2,000.00 元", Words(rules[0]), StringComparison.Ordinal);
        Assert.Contains("每天最多转 3 次", Words(rules[1]), StringComparison.Ordinal);
        Assert.Contains("22:00 到次日 06:00 不能转账", Words(rules[2]), StringComparison.Ordinal);
        Assert.Contains("次日 06:00 退回", Words(rules[3]), StringComparison.Ordinal);
        Assert.All(rules, li =>
        {
            Assert.Contains("据烟台晚报2025年9月18日的报道，未经官方证实", li.TextContent, StringComparison.Ordinal);
            Assert.Contains("unconfirmed", li.ClassList);
            var footnote = page.QuerySelector(li.QuerySelector("sup.cite a")!.GetAttribute("href")!)!;
            Assert.Contains("烟台晚报", footnote.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Both_provinces_wallet_status_is_named()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother);

        var sides = page.QuerySelectorAll("section.wallet .wallet-sides li").Select(Words).ToList();
        Assert.Contains(sides, s => s.StartsWith("共济人（上海市）：全省（区、市）已开通", StringComparison.Ordinal));
        Assert.Contains(sides, s => s.StartsWith("家人（河南省）：全省（区、市）已开通", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_limits_were_reported_there_is_no_plan_and_each_limit_says_the_data_does_not_say()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother.Replace("2026-12-08", "2025-09-17", StringComparison.Ordinal));

        var wallet = page.QuerySelector("section.wallet")!;
        Assert.Contains("资料没有说明这一天医保钱包每笔最多能转多少", Words(wallet.QuerySelector(".wallet-headline")), StringComparison.Ordinal);
        Assert.Null(wallet.QuerySelector(".wallet-days"));
        Assert.All(wallet.QuerySelectorAll(".wallet-rules li"), li => Assert.Contains("资料没有说明", li.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_time_the_plan_starts_at_the_days_first_open_moment_and_without_a_date_today()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother.Replace("&startDate=2026-12-08&startTime=20:30", "", StringComparison.Ordinal));

        var first = Words(page.QuerySelector("section.wallet .wallet-days li"));
        Assert.Contains("2026年12月1日", first, StringComparison.Ordinal);
        Assert.Contains("06:00 到 22:00", first, StringComparison.Ordinal);
        Assert.Contains("共需转账 4 次，分 2 天转完", Words(page.QuerySelector(".wallet-headline")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_in_the_same_province_gets_no_wallet_plan()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother.Replace("memberRegion=henan", "memberRegion=shanghai", StringComparison.Ordinal));

        Assert.Null(page.QuerySelector("section.wallet"));
        Assert.Equal("计算结果", page.QuerySelector("main h2")?.TextContent);
    }

    [Theory]
    [InlineData("startDate", "2026-13-01", "startDate-error")]
    [InlineData("startTime", "25:00", "startTime-error")]
    [InlineData("memberRegion", "atlantis", "memberRegion-error")]
    public async Task A_bad_start_or_place_is_explained_beside_its_field(string field, string value, string errorId)
    {
        var query = string.Join('&', HenanMother.Split('&').Where(p => !p.StartsWith(field + "=", StringComparison.Ordinal)).Append($"{field}={value}"));
        using var response = await _client.GetAsync("/pay?" + query);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#" + errorId));
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#{field}']"));
        Assert.Null(page.QuerySelector("section.wallet"));
    }

    [Fact]
    public async Task The_form_keeps_the_relatives_place_and_the_start()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother);

        Assert.Equal("selected", page.QuerySelector("#memberRegion option[value=henan]")!.GetAttribute("selected"));
        Assert.Equal("2026-12-08", page.QuerySelector("#startDate")!.GetAttribute("value"));
        Assert.Equal("20:30", page.QuerySelector("#startTime")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("label[for='memberRegion']"));
    }

    [Fact]
    public async Task The_print_view_carries_the_wallet_plan()
    {
        var page = await Html.GetAsync(_client, "/pay/print?" + HenanMother);

        Assert.Contains("共需转账 4 次", Words(page.QuerySelector("section.wallet")), StringComparison.Ordinal);
        Assert.Contains("家人参保地：河南省", Words(page.QuerySelector(".meta")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_comes_first_and_footnotes_are_numbered_in_reading_order()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother);

        var wallet = page.QuerySelector("section.wallet")!;
        Assert.Equal("wallet-headline", wallet.QuerySelector("h2")!.NextElementSibling!.ClassName);
        var numbers = wallet.QuerySelectorAll("sup.cite a").Select(a => int.Parse(a.TextContent.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var firstSeen = numbers.Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, firstSeen.Count), firstSeen);
    }

    [Fact]
    public async Task With_the_balance_unknown_the_plan_moves_the_whole_bill_and_no_split_is_guessed()
    {
        var page = await Html.GetAsync(_client, "/pay?" + HenanMother.Replace("sharerBalance=9000", "sharerBalance=&sharerBalanceUnknown=1", StringComparison.Ordinal));

        Assert.Contains("共需转账 4 次，分 2 天转完", Words(page.QuerySelector(".wallet-headline")), StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("section.wallet .warnings"), p => p.TextContent.Contains("不知道共济人的余额", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector(".split-bar"));
        Assert.Contains("算不出共济资金能付多少", Words(page.QuerySelector(".split-summary")), StringComparison.Ordinal);
        Assert.Equal("checked", page.QuerySelector("#sharerBalanceUnknown")!.GetAttribute("checked"));
        Assert.Null(page.QuerySelector("#sharerBalance-error"));
    }

    [Fact]
    public async Task An_unknown_balance_prints_as_不清楚_with_the_wallet_plan()
    {
        var page = await Html.GetAsync(_client, "/pay/print?" + HenanMother.Replace("sharerBalance=9000", "sharerBalance=&sharerBalanceUnknown=1", StringComparison.Ordinal));

        Assert.Contains("共济人余额 不清楚", Words(page.QuerySelector(".meta")), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("section.wallet"));
    }
}
