using System.Net;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Pages.Check;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class CheckFlowTests(SiteFactory site)
{
    private const string People = "sharer_place=shanghai&member_place=jiangsu&relationship=parent";

    private const string MotherPharmacy =
        People + "&purpose=pharmacy&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal";

    /// <summary>福州, the one region with a reserve, where the amount is asked.</summary>
    private const string FuzhouPeople = "sharer_place=fuzhou&member_place=fuzhou&relationship=parent";

    private const string ShanghaiSpouse =
        "sharer_place=shanghai&member_place=shanghai&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal";

    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>Submits the form on <paramref name="page"/> the way a browser would, with its antiforgery token.</summary>
    private async Task<HttpResponseMessage> SubmitAsync(IDocument page, IReadOnlyDictionary<string, string> fields)
    {
        var form = page.QuerySelector("form.check-form")!;
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        using var content = new FormUrlEncodedContent(values);
        return await _client.PostAsync(form.GetAttribute("action"), content);
    }

    private CheckPlaces Places(PolicySnapshot snapshot) => new(snapshot, site.Services.GetRequiredService<PlaceDirectory>());

    private async Task<IDocument> ResultAsync(string query) => await Html.GetAsync(_client, "/check/result?" + query);

    [Fact]
    public async Task Where_no_source_sets_a_reserve_the_reasons_say_the_sources_do_not_mention_one_rather_than_that_there_is_none()
    {
        var result = await ResultAsync(ShanghaiSpouse);

        var reasons = result.QuerySelector("details.why")!.TextContent;
        Assert.Contains("我们掌握的资料没有提到须保留的最低余额", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("没有须保留最低余额的规定", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_page_says_what_it_answers_and_has_one_start_button_and_only_the_hotlines_the_data_has()
    {
        var page = await Html.GetAsync(_client, "/check");

        var start = Assert.Single(page.QuerySelectorAll("main [role=button], main button"));
        Assert.Equal("开始", start.TextContent.Trim());
        Assert.Equal("/check/people", start.GetAttribute("href"));
        Assert.Contains("1 分钟", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var call = page.QuerySelector(".call-instead")!;
        // The national number (reported, unconfirmed) for everywhere, and 上海's own.
        var tels = call.QuerySelectorAll("a[href^='tel:']");
        Assert.Equal(["tel:12393", "tel:12393"], tels.Select(t => t.GetAttribute("href")));
        Assert.StartsWith("各地：网上资料说可以拨打12393（未经官方证实）", tels[0].Closest("p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("只适用于上海市", tels[1].Closest("p")!.TextContent, StringComparison.Ordinal);
        // Where people elsewhere can apply or check is the data's, cited, not the page's own words.
        var elsewhere = call.QuerySelectorAll("p").Single(p => p.TextContent.StartsWith("其他地方：", StringComparison.Ordinal));
        Assert.Contains("国家医保服务平台", elsewhere.TextContent, StringComparison.Ordinal);
        Assert.Contains("上海的医保卡如何和异地医保共济", elsewhere.QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("title")));
    }

    [Fact]
    public async Task The_city_questions_ask_the_places_api_for_suggestions_instead_of_sending_every_place_with_the_page()
    {
        var response = await _client.GetAsync("/check/people");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.GetAsync(_client, "/check/people");

        Assert.Empty(page.QuerySelectorAll("datalist"));
        var fields = page.QuerySelectorAll("input[data-suggest]");
        Assert.Equal(["sharer_place", "member_place"], fields.Select(f => f.GetAttribute("name")));
        Assert.All(fields, f => Assert.Equal("/api/places", f.GetAttribute("data-suggest")));
        Assert.Equal("不清楚", fields[1].GetAttribute("data-unknown"));
        Assert.True(string.IsNullOrEmpty(fields[0].GetAttribute("data-unknown")));
        Assert.True(html.Length < 12_000, $"/check/people is {html.Length} characters");
    }

    [Fact]
    public async Task Two_pages_of_questions_lead_to_check_your_answers_and_then_a_result_whose_address_carries_the_answers()
    {
        var people = await Html.GetAsync(_client, "/check/people");
        Assert.DoesNotContain("出钱", people.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        using var first = await SubmitAsync(people, new Dictionary<string, string> { ["sharer_place"] = "shanghai", ["member_place"] = "jiangsu", ["relationship"] = "parent" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/check/details?", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var details = await Html.GetAsync(_client, first.Headers.Location.OriginalString);
        using var second = await SubmitAsync(details, new Dictionary<string, string>
        {
            ["purpose"] = "pharmacy", ["account"] = "some", ["amount"] = "3,000元",
            ["member_insurance"] = "resident", ["status"] = "normal",
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var answersUrl = second.Headers.Location!.OriginalString;
        Assert.StartsWith("/check/answers?", answersUrl, StringComparison.Ordinal);

        var answers = await Html.GetAsync(_client, answersUrl);
        var resultUrl = answers.QuerySelector("main a.button")!.GetAttribute("href")!;
        Assert.Equal("/check/result?" + MotherPharmacy.Replace("sharer_place=shanghai&member_place=jiangsu", "sharer_place=310000&member_place=320000", StringComparison.Ordinal), resultUrl);
        var result = await Html.GetAsync(_client, resultUrl);
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("h1")!.TextContent));
        Assert.NotNull(result.QuerySelector("[data-verdict]"));
        Assert.NotEmpty(result.QuerySelectorAll("details.why .trace .check"));
    }

    [Fact]
    public async Task A_mother_insured_in_another_province_is_judged_as_other_province_without_an_inference_to_check()
    {
        var result = await ResultAsync(MotherPharmacy);

        // Two provinces are two provinces: nothing was inferred, so nothing is left to check about it.
        Assert.DoesNotContain("两地", result.QuerySelector(".verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll(".trace .check-reason"), r => r.TextContent.Contains("家人在外省参保", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_people_in_one_municipality_are_in_the_same_pooling_region()
    {
        var result = await ResultAsync(ShanghaiSpouse);

        Assert.Contains("两地是同一个城市，按“同一统筹地区”算", result.QuerySelector(".verdict .caveats")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("可以共济", result.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_in_one_province_whose_city_is_not_known_get_the_effect_of_both_cases()
    {
        var result = await ResultAsync(ShanghaiSpouse.Replace("sharer_place=shanghai&member_place=shanghai", "sharer_place=jiangsu&member_place=jiangsu", StringComparison.Ordinal));

        var location = result.QuerySelectorAll(".trace .check").Single(c => c.QuerySelector(".check-title")!.TextContent == "家人的参保地").QuerySelector(".check-reason")!.TextContent;
        Assert.Contains("不知道是不是同一个城市", location, StringComparison.Ordinal);
        Assert.Contains("家人和您在同一个城市参保", location, StringComparison.Ordinal);
        Assert.Contains("家人在同一个省的其他城市参保", location, StringComparison.Ordinal);
        Assert.DoesNotContain("按“同一统筹地区”算", result.QuerySelector(".verdict")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("苏州", "南京", "320500", "320100", "本省内其他统筹地区")]
    [InlineData("苏州市", "苏州市 · 江苏省", "320500", "320500", "同一统筹地区")]
    [InlineData("上海", "浦东新区", "310000", "310115", "同一统筹地区")]
    [InlineData("黄浦区", "闵行区", "310101", "310112", "同一统筹地区")]
    [InlineData("上海市", "南京市", "310000", "320100", "外省")]
    [InlineData("福州", "厦门", "350100", "350200", "本省内其他统筹地区")]
    public async Task Two_cities_typed_are_resolved_and_related_as_one_pooling_region_per_city(string sharer, string member, string sharerCode, string memberCode, string location)
    {
        var people = await Html.GetAsync(_client, "/check/people");

        using var response = await SubmitAsync(people, new Dictionary<string, string> { ["sharer_place"] = sharer, ["member_place"] = member, ["relationship"] = "parent" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = response.Headers.Location!.OriginalString;
        Assert.Contains($"sharer_place={sharerCode}&member_place={memberCode}&", details, StringComparison.Ordinal);
        var query = details[(details.IndexOf('?', StringComparison.Ordinal) + 1)..] + "&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal";
        var result = await ResultAsync(query);
        var verdict = result.QuerySelector(".verdict")!.TextContent;
        if (location == "外省")
        {
            Assert.DoesNotContain("两地", verdict, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"按“{location}”算", verdict, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_city_under_a_region_with_its_own_rules_is_judged_by_them_and_one_without_by_its_province()
    {
        var fuzhou = await ResultAsync("sharer_place=350100&member_place=350100&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal");
        var suzhou = await ResultAsync("sharer_place=320500&member_place=320500&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal");

        Assert.Contains("按福州市", fuzhou.QuerySelector(".progress")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("按江苏省", suzhou.QuerySelector(".progress")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("苏州市没有单独的资料，按江苏省和全国的规则判断", suzhou.QuerySelector(".verdict .caveats")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("没有单独的资料", fuzhou.QuerySelector(".verdict")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_matches_several_places_offers_them_to_pick_from()
    {
        var people = await Html.GetAsync(_client, "/check/people");

        using var response = await SubmitAsync(people, new Dictionary<string, string> { ["sharer_place"] = "sz", ["member_place"] = "不清楚", ["relationship"] = "parent" });
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var picks = again.QuerySelectorAll("input[name=sharer_place_pick]");
        Assert.Contains(picks, p => p.GetAttribute("value") == "320500");
        Assert.Contains(picks, p => p.GetAttribute("value") == "440300");
        Assert.Equal("不清楚", again.QuerySelector("#f-member_place")!.GetAttribute("value"));
        using var picked = await SubmitAsync(again, new Dictionary<string, string> { ["sharer_place"] = "sz", ["sharer_place_pick"] = "440300", ["member_place"] = "不清楚", ["relationship"] = "parent" });
        Assert.Contains("sharer_place=440300&member_place=unknown&", picked.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3,000", "3000")]
    [InlineData("3000元", "3000")]
    [InlineData("３０００", "3000")]
    [InlineData("３，０００元", "3000")]
    [InlineData("¥ 1,250.50", "1250.5")]
    [InlineData("3000 块", "3000")]
    public async Task A_balance_is_read_forgivingly(string typed, string carried)
    {
        var details = await Html.GetAsync(_client, "/check/details?" + FuzhouPeople);

        using var response = await SubmitAsync(details, new Dictionary<string, string>
        {
            ["purpose"] = "pharmacy", ["account"] = "some", ["amount"] = typed,
            ["member_insurance"] = "resident", ["status"] = "normal",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"&amount={carried}&", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("三千", "请填写数字")]
    [InlineData("-5", "负数")]
    [InlineData("1.234", "精确到分")]
    [InlineData("99999999999", "不能超过")]
    [InlineData("1,00", "请填写数字")]
    public async Task A_balance_that_cannot_be_read_is_explained_beside_the_field_and_the_other_answers_are_kept(string typed, string message)
    {
        var details = await Html.GetAsync(_client, "/check/details?" + FuzhouPeople);

        using var response = await SubmitAsync(details, new Dictionary<string, string>
        {
            ["purpose"] = "pharmacy", ["account"] = "some", ["amount"] = typed,
        });
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, again.QuerySelector("#amount-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", again.QuerySelector("#f-amount")!.GetAttribute("aria-invalid"));
        Assert.Equal(typed, again.QuerySelector("#f-amount")!.GetAttribute("value"));
        Assert.Equal("checked", again.QuerySelector("#f-purpose-1")!.GetAttribute("checked"));
        // The unanswered questions are named once each in the summary, which links to them.
        var summary = again.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#f-amount", summary);
        Assert.Contains("#f-status-0", summary);
        Assert.Equal(summary.Count, summary.Distinct().Count());
        Assert.Contains("relationship=parent", again.QuerySelector("form.check-form")!.GetAttribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_amount_is_asked_only_where_a_reserve_can_make_it_change_the_answer()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var date = new DateOnly(2026, 12, 1);
        string Outcomes(string region, decimal balance) => string.Join(";", EligibilityEngine.Evaluate(snapshot, new EligibilityCase(region, date,
                new Sharer(InsuranceType.Employee, InsuranceStatus.Normal, balance), new Member(Relationship.Parent, InsuranceType.Resident, InsuranceStatus.Normal, MemberLocation.SameRegion), Purpose.Hospital))
            .Checks.Select(c => $"{c.Id}:{c.Outcome}:{c.Certainty}"));
        decimal[] balances = [0.01m, 1, 2000, 2000.01m, 50_000, Money.MaxYuan];

        // 上海 has no reserve: every positive amount gives the same checks, so the field is left out and a posted amount is not carried.
        Assert.Single(balances.Select(b => Outcomes("shanghai", b)).Distinct());
        Assert.False(CheckRelevance.For(snapshot, "shanghai", date).AsksAmount);
        var shanghai = await Html.GetAsync(_client, "/check/details?" + People);
        Assert.Null(shanghai.QuerySelector("#f-amount"));
        Assert.NotNull(shanghai.QuerySelector("input[name=account]"));
        using var posted = await SubmitAsync(shanghai, new Dictionary<string, string>
        {
            ["purpose"] = "pharmacy", ["account"] = "some", ["amount"] = "3000",
            ["member_insurance"] = "resident", ["status"] = "normal",
        });
        Assert.DoesNotContain("amount=", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // 福州 keeps 2,000 元: the amount decides, so it is asked.
        Assert.NotEqual(Outcomes("fuzhou", 2000), Outcomes("fuzhou", 2000.01m));
        Assert.True(CheckRelevance.For(snapshot, "fuzhou", date).AsksAmount);
        Assert.NotNull((await Html.GetAsync(_client, "/check/details?" + FuzhouPeople)).QuerySelector("#f-amount"));
    }

    [Fact]
    public async Task Check_your_answers_links_each_answer_to_its_question_and_a_change_comes_back_to_it()
    {
        var answers = await Html.GetAsync(_client, "/check/answers?" + MotherPharmacy);

        var rows = answers.QuerySelectorAll(".summary-row");
        // 您的医保 and 您的账户余额 are one row, as are the two statuses, as they were one question each.
        Assert.Equal(CheckQuestions.All.Count - 2, rows.Length);
        foreach (var row in rows)
        {
            var link = row.QuerySelector(".summary-change a")!;
            Assert.StartsWith("修改", link.TextContent, StringComparison.Ordinal);
            Assert.Contains("return=answers", link.GetAttribute("href"), StringComparison.Ordinal);
        }
        // Grouped by whom they are about, so each row's label can leave out 您 / 家人; the link still names the whole question.
        Assert.Equal(["您", "家人"], answers.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Equal(["参保地", "个人账户", "两人参保"], answers.QuerySelectorAll("dl.summary-list")[0].QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["是您的", "参保地", "医保", "用来付"], answers.QuerySelectorAll("dl.summary-list")[1].QuerySelectorAll("dt").Select(d => d.TextContent));
        var relationship = rows.Single(r => r.QuerySelector("dt")!.TextContent == "是您的");
        Assert.Equal("修改家人是您的", relationship.QuerySelector("a")!.TextContent);
        var change = relationship.QuerySelector("a")!.GetAttribute("href")!;
        Assert.StartsWith("/check/people?", change, StringComparison.Ordinal);
        Assert.EndsWith("#q-relationship", change, StringComparison.Ordinal);

        var question = await Html.GetAsync(_client, change[..change.IndexOf('#', StringComparison.Ordinal)]);
        Assert.Equal("checked", question.QuerySelector("input[name=relationship][value=parent]")!.GetAttribute("checked"));
        Assert.Equal("江苏省", question.QuerySelector("#f-member_place")!.GetAttribute("value"));
        using var response = await SubmitAsync(question, new Dictionary<string, string> { ["sharer_place"] = "shanghai", ["member_place"] = "jiangsu", ["relationship"] = "other" });

        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/check/answers?", location, StringComparison.Ordinal);
        Assert.Contains("relationship=other", location, StringComparison.Ordinal);
        Assert.Contains("balance=some", location, StringComparison.Ordinal);
        var changed = await ResultAsync(location[(location.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("not_eligible", changed.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
    }

    [Theory]
    [InlineData("some", "employee", "some", "有余额")]
    [InlineData("none", "employee", "none", "没有余额")]
    [InlineData("employee_unknown", "employee", "unknown", "有这个账户，不清楚余额")]
    [InlineData("resident", "resident", "none", "我参加的是城乡居民医保")]
    [InlineData("unknown", "unknown", "unknown", "不清楚是不是职工医保")]
    public async Task One_question_about_the_employee_account_answers_both_which_insurance_and_the_balance(string choice, string insurance, string balance, string label)
    {
        var details = await Html.GetAsync(_client, "/check/details?" + People);
        Assert.Empty(details.QuerySelectorAll("input[name=sharer_insurance], input[name=balance]"));

        using var response = await SubmitAsync(details, new Dictionary<string, string>
        {
            ["purpose"] = "pharmacy", ["account"] = choice, ["member_insurance"] = "resident", ["status"] = "normal",
        });

        var location = response.Headers.Location!.OriginalString;
        Assert.Contains($"&sharer_insurance={insurance}&sharer_status=normal&balance={balance}&member_insurance=resident&member_status=normal", location, StringComparison.Ordinal);
        var query = location[(location.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var answers = await Html.GetAsync(_client, location);
        var row = answers.QuerySelectorAll(".summary-row").Single(r => r.QuerySelector("dt")!.TextContent == "个人账户");
        Assert.Equal(label, row.QuerySelectorAll("dd")[0].TextContent);
        var again = await Html.GetAsync(_client, "/check/details?" + query);
        Assert.Equal("checked", again.QuerySelector($"input[name=account][value={choice}]")!.GetAttribute("checked"));
    }

    [Theory]
    [InlineData("normal", "normal", "normal", "eligible")]
    [InlineData("sharer_suspended", "suspended", "normal", "needs_check")]
    [InlineData("member_suspended", "normal", "suspended", "needs_check")]
    [InlineData("suspended", "suspended", "suspended", "needs_check")]
    [InlineData("unknown", "unknown", "unknown", "needs_check")]
    public async Task One_question_about_both_statuses_gives_each_person_their_own_answer(string choice, string sharer, string member, string verdict)
    {
        var details = await Html.GetAsync(_client, "/check/details?sharer_place=shanghai&member_place=shanghai&relationship=spouse");
        Assert.Empty(details.QuerySelectorAll("input[name=sharer_status], input[name=member_status]"));

        using var response = await SubmitAsync(details, new Dictionary<string, string>
        {
            ["purpose"] = "hospital", ["account"] = "some", ["member_insurance"] = "resident", ["status"] = choice,
        });

        var location = response.Headers.Location!.OriginalString;
        var query = location[(location.IndexOf('?', StringComparison.Ordinal) + 1)..];
        Assert.Contains($"&sharer_status={sharer}&", location, StringComparison.Ordinal);
        Assert.EndsWith($"&member_status={member}", location, StringComparison.Ordinal);
        var again = await Html.GetAsync(_client, "/check/details?" + query);
        Assert.Equal("checked", again.QuerySelector($"input[name=status][value={choice}]")!.GetAttribute("checked"));
        // The engine sees the same answers as if each status had been asked on its own.
        var separate = ShanghaiSpouse.Replace("sharer_status=normal", $"sharer_status={sharer}", StringComparison.Ordinal).Replace("member_status=normal", $"member_status={member}", StringComparison.Ordinal);
        Assert.Equal(verdict, (await ResultAsync(query)).QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Equal((await ResultAsync(separate)).QuerySelector("h1")!.TextContent, (await ResultAsync(query)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task With_residents_insurance_there_is_no_account_so_the_balance_cannot_change_the_answer()
    {
        var resident = ShanghaiSpouse.Replace("sharer_insurance=employee", "sharer_insurance=resident", StringComparison.Ordinal);
        var verdicts = new List<(string?, string)>();
        foreach (var balance in new[] { "none", "some", "unknown" })
        {
            var result = await ResultAsync(resident.Replace("balance=some", $"balance={balance}", StringComparison.Ordinal));
            verdicts.Add((result.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"), result.QuerySelector("h1")!.TextContent));
        }

        Assert.Equal(("not_eligible", "不能共济"), Assert.Single(verdicts.Distinct()));
    }

    [Fact]
    public async Task A_pair_of_answers_the_one_question_does_not_offer_is_listed_as_two()
    {
        var answers = await Html.GetAsync(_client, "/check/answers?" + ShanghaiSpouse.Replace("sharer_insurance=employee", "sharer_insurance=unknown", StringComparison.Ordinal));

        Assert.Equal(["参保地", "医保", "账户余额", "两人参保"], answers.QuerySelectorAll("dl.summary-list")[0].QuerySelectorAll("dt").Select(d => d.TextContent));
    }

    [Theory]
    [InlineData("member_status", "家人的参保状态", "如果暂停或断缴了，可能不能共济（依据未经证实")]
    [InlineData("sharer_insurance", "您的医保", "如果参加的是城乡居民医保，不能共济")]
    [InlineData("balance", "您的账户余额", "如果账户里没有余额，可能不能共济（依据未经证实")]
    public async Task An_answer_not_known_gives_needs_check_and_says_what_it_changes(string field, string label, string effect)
    {
        var query = string.Join("&", ShanghaiSpouse.Split('&').Select(pair => pair.StartsWith(field + "=", StringComparison.Ordinal) ? $"{field}=unknown" : pair));

        var result = await ResultAsync(query);

        Assert.Equal("needs_check", result.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Contains($"要看{label}", result.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var caveat = result.QuerySelector(".verdict .caveats")!.TextContent;
        Assert.Contains($"“{label}”您选了“不清楚”", caveat, StringComparison.Ordinal);
        Assert.Contains(effect, caveat, StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll(".trace .badge"), b => b.TextContent == "要看您的情况");
    }

    [Fact]
    public async Task The_same_answers_known_give_a_verdict_that_is_not_needs_check()
    {
        var result = await ResultAsync(ShanghaiSpouse);

        Assert.Equal("eligible", result.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
    }

    [Fact]
    public async Task The_result_opens_with_the_verdict_and_what_to_do_and_keeps_the_reasons_folded()
    {
        var result = await ResultAsync(MotherPharmacy);

        var main = result.QuerySelector("main")!;
        var order = main.QuerySelectorAll("h1, .verdict, #next-title, details.why").Select(e => e.LocalName == "details" ? "why" : e.Id is { Length: > 0 } id ? id : e.LocalName).ToList();
        Assert.Equal(["h1", "div", "next-title", "why"], order);
        Assert.Equal("为什么这样判断", result.QuerySelector("details.why > summary")!.TextContent);
        Assert.Null(result.QuerySelector("details.why")!.GetAttribute("open"));
        Assert.Contains(result.QuerySelectorAll(".next-steps a"), a => a.GetAttribute("href") == "/regions/shanghai/binding");
        Assert.Equal("tel:12393", result.QuerySelector(".next-steps a[href^='tel:']")!.GetAttribute("href"));
        var call = result.QuerySelector(".next-steps .call")!;
        Assert.Contains("国家医保服务平台", call.TextContent, StringComparison.Ordinal);
        Assert.Contains("医保卡开通家庭共济怎么开通", call.QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("title")));
        Assert.All(main.QuerySelectorAll("*").Where(e => e.ChildNodes.OfType<IText>().Any(t => t.Text.Contains("12393", StringComparison.Ordinal))),
            e => Assert.Equal("a", e.LocalName));
        Assert.DoesNotContain("符合", string.Concat(result.QuerySelectorAll(".trace .badge").Select(b => b.TextContent)).Replace("不符合规定", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printable_result_sheet_carries_its_address_as_text_and_as_a_qr_code_of_that_address()
    {
        var sheet = await Html.GetAsync(_client, "/check/print?" + MotherPharmacy);

        Assert.Equal("家庭共济检查结果单", sheet.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("回执", sheet.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var address = sheet.QuerySelector(".receipt-address .address")!.TextContent;
        Assert.Equal("http://localhost/check/result?" + MotherPharmacy, address);
        using var data = QRCodeGenerator.GenerateQrCode(address, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(4)), sheet.QuerySelector(".receipt-qr img")!.GetAttribute("src"));
        Assert.Contains("北京时间", sheet.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026年12月1日 10:00", sheet.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(sheet.QuerySelectorAll("ol.ask li"));
        var result = await Html.GetAsync(_client, new Uri(address).PathAndQuery);
        Assert.Equal(result.QuerySelector("h1")!.TextContent, sheet.QuerySelector(".verdict strong")!.TextContent);
    }

    [Fact]
    public async Task A_question_the_regions_rules_make_irrelevant_is_not_asked()
    {
        var current = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var noStatusRule = new PolicyParameter("shanghai", EligibilityEngine.Keys.SharerNormalStatusRequired,
            [new DatedValue(new DateOnly(2020, 1, 1), null, new FlagValue(false), [current.Sources[0].Id], null, false)], null);
        var changed = new PolicySnapshot(current.Regions, current.Sources, current.Definitions, current.Parameters.Add(noStatusRule), current.Disagreements, current.Pages, current.Vocabulary);
        var date = new DateOnly(2026, 12, 1);

        var relevance = CheckRelevance.For(changed, "shanghai", date);

        Assert.False(relevance.Asks(CheckQuestions.Find(CheckQuestions.SharerStatus)!));
        Assert.True(relevance.Asks(CheckQuestions.Find(CheckQuestions.MemberStatus)!));
        Assert.True(CheckRelevance.For(current, "shanghai", date).Asks(CheckQuestions.Find(CheckQuestions.SharerStatus)!));
        var answers = CheckAnswers.From(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(ShanghaiSpouse.Replace("&sharer_status=normal", "", StringComparison.Ordinal))), Places(changed));
        Assert.NotNull(CheckEvaluation.Evaluate(answers, Places(changed), date));
        Assert.Null(CheckEvaluation.Evaluate(answers, Places(current), date));
    }

    [Fact]
    public void Which_questions_matter_is_kept_with_the_snapshots_views_for_today_and_worked_out_for_another_date()
    {
        var current = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var noStatusRule = new PolicyParameter("shanghai", EligibilityEngine.Keys.SharerNormalStatusRequired,
            [new DatedValue(new DateOnly(2020, 1, 1), null, new FlagValue(false), [current.Sources[0].Id], null, false)], null);
        var changed = new PolicySnapshot(current.Regions, current.Sources, current.Definitions, current.Parameters.Add(noStatusRule), current.Disagreements, current.Pages, current.Vocabulary);
        var today = new DateOnly(2026, 12, 1);
        var earlier = new DateOnly(2025, 3, 1);
        var places = new CheckPlaces(new PublishedViews(changed), site.Services.GetRequiredService<PlaceDirectory>());
        var status = CheckQuestions.Find(CheckQuestions.SharerStatus)!;

        var kept = places.Relevance("shanghai", today, today);
        var onAnotherDate = places.Relevance("shanghai", earlier, today);

        // Worked out on the views' own snapshot (where 上海 sets no status rule), once for today.
        Assert.False(kept.Asks(status));
        Assert.Same(kept, places.Relevance("shanghai", today, today));
        Assert.All(CheckQuestions.All, q => Assert.Equal(CheckRelevance.For(changed, "shanghai", today).Asks(q), kept.Asks(q)));
        // Another date (an asOf in the address) is worked out for that date and not kept.
        Assert.NotSame(onAnotherDate, places.Relevance("shanghai", earlier, today));
        Assert.All(CheckQuestions.All, q => Assert.Equal(CheckRelevance.For(changed, "shanghai", earlier).Asks(q), onAnotherDate.Asks(q)));
        Assert.Same(kept, places.Relevance("shanghai", today, today));
        Assert.Same(CheckRelevance.All, places.Relevance("atlantis", today, today));
    }

    [Fact]
    public void A_place_is_resolved_once_per_snapshot_as_it_would_be_without_the_views()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var directory = site.Services.GetRequiredService<PlaceDirectory>();
        var views = new PublishedViews(snapshot);
        var kept = new CheckPlaces(views, directory);

        foreach (var key in new[] { "310000", "310104", "320500", "650000", "shanghai", "bingtuan" })
        {
            var place = kept.Find(key);
            Assert.NotNull(place);
            Assert.Equal(new CheckPlaces(snapshot, directory).Find(key), place);
            Assert.Same(place, new CheckPlaces(views, directory).Find(key));
        }
        Assert.Null(kept.Find("atlantis"));
        Assert.Null(kept.Find(""));
    }

    [Fact]
    public async Task Missing_answers_are_named_beside_each_field_with_400()
    {
        var people = await Html.GetAsync(_client, "/check/people");

        using var response = await SubmitAsync(people, new Dictionary<string, string> { ["sharer_place"] = "atlantis" });
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, again.QuerySelectorAll(".error-summary li").Length);
        Assert.NotNull(again.QuerySelector("#sharer_place-error"));
        Assert.Equal("true", again.QuerySelector("#f-sharer_place")!.GetAttribute("aria-invalid"));
        Assert.NotNull(again.QuerySelector("#relationship-error"));
    }

    [Theory]
    [InlineData(5 * 1024 * 1024)]
    [InlineData(3000)]
    public async Task A_huge_value_shows_the_page_again_with_a_message(int length)
    {
        var details = await Html.GetAsync(_client, "/check/details?" + People);

        using var response = await SubmitAsync(details, new Dictionary<string, string> { ["amount"] = new string('9', length), ["purpose"] = "pharmacy" });
        var again = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(again.QuerySelectorAll(".field-error"));
        Assert.True(again.DocumentElement.OuterHtml.Length < 100_000, "the huge value is echoed back");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["sharer_place"] = "shanghai", ["member_place"] = "shanghai", ["relationship"] = "spouse" });

        using var response = await _client.PostAsync("/check/people", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/check/result?sharer_place=shanghai&balance=abc", "/check/people?sharer_place=shanghai")]
    [InlineData("/check/result?" + People, "/check/details?" + People)]
    [InlineData("/check/answers?" + People + "&purpose=hospital", "/check/details?" + People + "&purpose=hospital")]
    [InlineData("/check/details?sharer_place=shanghai", "/check/people?sharer_place=shanghai")]
    public async Task An_incomplete_address_goes_back_to_the_page_with_the_first_missing_answer(string url, string expected)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_relative_elsewhere_gets_a_link_to_the_cross_region_guide()
    {
        var result = await ResultAsync(MotherPharmacy);

        Assert.NotNull(result.QuerySelector(".next-steps a[href='/regions/shanghai/cross-region']"));
    }

    /// <summary>Sources describe 异地就医备案 only for someone treated outside their own insured area; the answers say where the relative is insured, not where they are treated (content-review-2 F-4).</summary>
    [Fact]
    public async Task The_cross_region_step_mentions_registration_for_treatment_elsewhere_only_as_a_condition()
    {
        var result = await ResultAsync(MotherPharmacy);

        var step = result.QuerySelector(".next-steps a[href='/regions/shanghai/cross-region']")!.ParentElement!.TextContent;
        Assert.DoesNotContain("先了解异地就医备案", step, StringComparison.Ordinal);
        Assert.DoesNotContain("参保或就医", step, StringComparison.Ordinal);
        Assert.Contains("如果家人要到参保地以外的地方看病", step, StringComparison.Ordinal);
    }

    [Fact]
    public void The_amount_rule_folds_what_people_type_before_money_reads_it()
    {
        Assert.Equal("3000", AmountText.Normalize("３，０００元"));
        Assert.Equal("1,00", AmountText.Normalize("1,00"));
        Assert.Equal(AmountProblem.None, Money.TryParseYuan(AmountText.Normalize("¥3,000.50"), out var yuan));
        Assert.Equal(3000.50m, yuan);
    }

    [Fact]
    public async Task A_mother_in_another_province_gets_both_provinces_wallet_status_and_how_the_answer_changed()
    {
        var page = await Html.GetAsync(_client, "/check/result?sharer_place=shanghai&member_place=410000&relationship=parent&purpose=pharmacy&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal");

        var wallet = page.QuerySelector("section.wallet")!;
        Assert.Contains("都开通了才能转", wallet.TextContent, StringComparison.Ordinal);
        var sides = wallet.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, sides.Count);
        Assert.Contains("您（上海市）", sides[0], StringComparison.Ordinal);
        Assert.Contains("家人（河南省）：全省（区、市）已开通（据2025年2月的资料）", sides[1], StringComparison.Ordinal);
        Assert.NotEmpty(wallet.QuerySelectorAll("sup.cite"));
        var timeline = page.QuerySelectorAll("details.timeline li").Select(li => li.TextContent).ToList();
        Assert.Contains(timeline, t => t.StartsWith("2022年7月4日起：不能共济", StringComparison.Ordinal));
        Assert.True(timeline.Count >= 3);

        // A relative in the same city: no wallet section.
        var same = await Html.GetAsync(_client, "/check/result?" + ShanghaiSpouse);
        Assert.Null(same.QuerySelector("section.wallet"));
    }
}
