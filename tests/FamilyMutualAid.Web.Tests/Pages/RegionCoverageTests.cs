using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Publishing;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Pages;

/// <summary>
/// Issue 24 (pages): what a region has of its own, shown the same way on /regions and its page; list rules per code
/// as the check decides them; local adoption in the API and the history (S-2); reported dates (N-1); channels by owner;
/// 12393 worded as reported and unconfirmed.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class RegionCoverageTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private PolicySnapshot Snapshot => site.Services.GetRequiredService<PolicySnapshotProvider>().Current;

    private static string? Mark(IElement? element) => element?.QuerySelector("[data-coverage]")?.GetAttribute("data-coverage");

    private static IElement Fact(IDocument page, string key) => page.QuerySelector($".fact[data-key='{key}']")!;

    [Fact]
    public async Task Every_region_listed_on_regions_carries_the_same_mark_on_its_own_page()
    {
        var list = await Html.GetAsync(_client, "/regions");
        var listed = list.QuerySelectorAll(".province-list li")
            .Select(li => (Slug: li.QuerySelector(":scope > a")!.GetAttribute("href")!.Split('/')[^1], Mark: li.QuerySelector(":scope > [data-coverage]")?.GetAttribute("data-coverage")))
            .ToList();
        Assert.True(listed.Count >= 32, $"only {listed.Count} regions listed");

        foreach (var (slug, mark) in listed)
        {
            var page = await Html.GetAsync(_client, $"/regions/{slug}");
            Assert.Equal(Codes(Snapshot.CoverageOf(slug)), mark);
            Assert.Equal(mark, Mark(page.QuerySelector(".coverage-notice")));
        }
    }

    private static string Codes(LocalCoverage coverage) => coverage switch
    {
        LocalCoverage.LocalSources => "local_sources",
        LocalCoverage.NationalSourcesOnly => "national_sources_only",
        _ => "none",
    };

    [Fact]
    public async Task Beijing_is_marked_as_having_a_local_notice_on_the_list_and_its_page_opens_with_its_own_rules()
    {
        var list = await Html.GetAsync(_client, "/regions");
        var beijing = list.QuerySelectorAll(".province-list > li").Single(li => li.QuerySelector(":scope > a")!.GetAttribute("href") == "/regions/beijing");

        Assert.Equal("local_sources", beijing.QuerySelector(":scope > [data-coverage]")!.GetAttribute("data-coverage"));
        var page = await Html.GetAsync(_client, "/regions/beijing");
        var notice = page.QuerySelector("main h1")!.NextElementSibling!;
        Assert.Contains("coverage-notice", notice.ClassName, StringComparison.Ordinal);
        Assert.Equal("local_sources", Mark(notice));
        Assert.Contains("北京市自己的规定", notice.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".inherited-notice"));
        // Its own rules come before what it inherits, each group saying whose rules they are.
        var groups = page.QuerySelectorAll(".fact-group h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["北京市自己的规定", "沿用全国的规定"], groups);
        var own = page.QuerySelector(".fact-group.own")!;
        Assert.NotNull(own.QuerySelector(".fact[data-key='relatives']"));
        Assert.Contains("据2024年12月的资料", own.QuerySelector(".fact[data-key='relatives']")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(own.QuerySelectorAll(".fact[data-key='relatives'] sup.cite"));
    }

    [Fact]
    public async Task A_province_with_only_the_national_lists_says_so_on_the_list_and_on_its_page()
    {
        Assert.Equal(LocalCoverage.NationalSourcesOnly, Snapshot.CoverageOf("hebei"));
        var list = await Html.GetAsync(_client, "/regions");
        var hebei = list.QuerySelectorAll(".province-list > li").Single(li => li.QuerySelector(":scope > a")!.GetAttribute("href") == "/regions/hebei");
        Assert.Equal("只有全国资料提到", hebei.QuerySelector(".badge")!.TextContent);

        var page = await Html.GetAsync(_client, "/regions/hebei");

        var notice = page.QuerySelector("main h1")!.NextElementSibling!;
        Assert.Contains("没有找到河北省自己的通知或说明", notice.TextContent, StringComparison.Ordinal);
        var own = page.QuerySelector(".fact-group.own")!;
        Assert.Contains("只见于不专讲河北省的资料（如国家医保局的分省名单）", own.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beijing_allowed_uses_show_hospital_as_inherited_and_its_commercial_insurance_as_its_own()
    {
        var page = await Html.GetAsync(_client, "/regions/beijing");

        var uses = Fact(page, EligibilityEngine.Keys.AllowedUses);
        var hospitalLabel = Snapshot.Vocabulary.Label("purpose", "hospital");
        var insuranceLabel = Snapshot.Vocabulary.Label("purpose", "commercial_insurance");
        var lines = uses.QuerySelectorAll(".code-line").ToList();
        var hospital = Assert.Single(lines, l => l.QuerySelector(".value")!.TextContent.Contains(hospitalLabel, StringComparison.Ordinal));
        Assert.StartsWith("可以：", hospital.QuerySelector(".value")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("沿用全国", hospital.QuerySelector(".badge-inherited")!.TextContent);
        var insurance = Assert.Single(lines, l => l.QuerySelector(".value")!.TextContent.Contains(insuranceLabel, StringComparison.Ordinal));
        Assert.StartsWith("可以：", insurance.QuerySelector(".value")!.TextContent, StringComparison.Ordinal);
        Assert.Null(insurance.QuerySelector(".badge-inherited"));
        Assert.Same(page.QuerySelector(".fact-group.own"), uses.Closest(".fact-group"));
        // Nothing the national rules allow reads as unaddressed.
        Assert.DoesNotContain(lines, l => l.ClassList.Contains("code-notstated") && l.TextContent.Contains(hospitalLabel, StringComparison.Ordinal));
        Assert.Contains("看病", page.QuerySelectorAll(".quick dt").Single(d => d.TextContent == "能付什么").NextElementSibling!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_shows_beijing_hospital_costs_as_allowed_by_the_national_rule()
    {
        var page = await Html.GetAsync(_client, "/compare?regions=beijing,national");

        var row = page.QuerySelectorAll("table.compare tbody tr").Single(r => r.QuerySelector("th")!.TextContent == Snapshot.FindDefinition(EligibilityEngine.Keys.AllowedUses)!.Label);
        var beijing = row.QuerySelectorAll("td")[0];
        var hospital = Assert.Single(beijing.QuerySelectorAll("li"), li => li.TextContent.Contains(Snapshot.Vocabulary.Label("purpose", "hospital"), StringComparison.Ordinal));
        Assert.StartsWith("可以：", hospital.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("沿用全国", hospital.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("资料没有说明：" + Snapshot.Vocabulary.Label("purpose", "hospital"), beijing.TextContent, StringComparison.Ordinal);
        // A rule 北京 inherits unchanged is not a difference.
        var sharer = page.QuerySelectorAll("table.compare tbody tr").Single(r => r.QuerySelector("th")!.TextContent == Snapshot.FindDefinition(EligibilityEngine.Keys.SharerInsurance)!.Label);
        Assert.DoesNotContain("differs", sharer.ClassName ?? "", StringComparison.Ordinal);
        Assert.Contains("differs", row.ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_region_page_and_binding_guide_names_the_regions_own_channels_first()
    {
        var snapshot = Snapshot;
        var withChannels = snapshot.Regions.Where(r => r.ParentSlug is not null && snapshot.ChannelsOf(r.Slug).Any()).ToList();
        Assert.NotEmpty(withChannels);

        foreach (var region in withChannels)
        {
            var page = await Html.GetAsync(_client, $"/regions/{region.Slug}");
            var binding = await Html.GetAsync(_client, $"/regions/{region.Slug}/binding");
            var sections = binding.QuerySelectorAll("section.channel").ToList();
            var own = snapshot.ChannelsOf(region.Slug).ToList();
            foreach (var channel in own)
            {
                Assert.Contains(channel.Title, page.QuerySelector(".own-channels")!.TextContent, StringComparison.Ordinal);
            }
            Assert.Equal(own.Select(c => c.Title), sections.Take(own.Count).Select(s => s.QuerySelector("h2")!.FirstChild!.TextContent.Trim()));
            Assert.All(sections.Take(own.Count), s => Assert.Equal($"{region.Name}的渠道", s.QuerySelector(".badge-owner")!.TextContent));
            // The national channels follow, marked as such.
            Assert.All(sections.Skip(own.Count), s => Assert.NotEqual(region.Slug, s.GetAttribute("data-owner")));
            Assert.Contains(sections.Skip(own.Count), s => s.QuerySelector(".badge-owner")!.TextContent == "全国通用");
        }
    }

    [Fact]
    public async Task Each_binding_guide_opens_with_the_channels_the_regions_own_rules_name()
    {
        var snapshot = Snapshot;
        var today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);
        var named = snapshot.Regions
            .Where(r => r.ParentSlug is not null)
            .Select(r => (Region: r, Values: new[] { "binding_online", "binding_offline" }
                .Select(key => snapshot.Resolve(r.Slug, key, today)).Where(e => e is { Inherited: false }).Select(e => ((TextValue)e!.Value.Value).Text).ToList()))
            .Where(x => x.Values.Count > 0)
            .ToList();
        Assert.Contains(named, x => x.Region.Slug == "beijing");

        foreach (var (region, values) in named)
        {
            var binding = await Html.GetAsync(_client, $"/regions/{region.Slug}/binding");
            var first = binding.QuerySelector("section.channel-facts, section.channel")!;
            Assert.Equal(region.Slug, first.GetAttribute("data-owner"));
            var text = binding.QuerySelectorAll($"section[data-owner='{region.Slug}']").Select(s => s.TextContent).Aggregate("", string.Concat);
            Assert.All(values, v => Assert.Contains(v, text, StringComparison.Ordinal));
            Assert.DoesNotContain($"没有找到{region.Name}自己的办理方式", binding.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_city_without_channels_of_its_own_shows_its_provinces_channels_before_the_national_ones()
    {
        var snapshot = Snapshot;
        var city = snapshot.Regions.FirstOrDefault(r => r.Level == RegionLevel.City && !snapshot.ChannelsOf(r.Slug).Any()
            && !snapshot.ParametersOf(r.Slug).Any(p => p.Key.StartsWith("binding_", StringComparison.Ordinal))
            && r.ParentSlug is { } parent && snapshot.ChannelsOf(parent).Any());
        Assert.True(city is not null, "the data has no city without channels under a province with channels (南京 under 江苏 was one)");

        var binding = await Html.GetAsync(_client, $"/regions/{city!.Slug}/binding");

        var owners = binding.QuerySelectorAll("section.channel").Select(s => s.GetAttribute("data-owner")).Distinct().ToList();
        Assert.Equal([city.ParentSlug, "national"], owners);
        Assert.Contains($"没有找到{city.Name}自己的办理方式", binding.QuerySelector(".inherited-notice")!.TextContent, StringComparison.Ordinal);
        var ids = binding.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private async Task<JsonElement> PolicyAsync(string slug, string asOf)
    {
        using var response = await _client.GetAsync($"/api/regions/{slug}/policy?asOf={asOf}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static JsonElement Parameter(JsonElement policy, string key) =>
        policy.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);

    private static JsonElement Code(JsonElement parameter, string code) =>
        parameter.GetProperty("codes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_policy_api_shows_a_widening_awaiting_local_adoption_until_the_province_is_listed()
    {
        // 河北 is on the national list of 2024-10-20; before that only the national widening of 2024-08-07 applies.
        var before = Parameter(await PolicyAsync("hebei", "2024-09-01"), EligibilityEngine.Keys.Relatives);
        var after = Parameter(await PolicyAsync("hebei", "2024-10-20"), EligibilityEngine.Keys.Relatives);

        Assert.True(before.GetProperty("localAdoption").GetBoolean());
        Assert.True(before.GetProperty("awaitsLocalAdoption").GetBoolean());
        var sibling = Code(before, "sibling");
        Assert.Equal(("allowed", true, true, "national"), (sibling.GetProperty("state").GetString(), sibling.GetProperty("awaitsLocalAdoption").GetBoolean(), sibling.GetProperty("unconfirmed").GetBoolean(), sibling.GetProperty("region").GetString()));
        var spouse = Code(before, "spouse");
        Assert.Equal(("allowed", false), (spouse.GetProperty("state").GetString(), spouse.GetProperty("awaitsLocalAdoption").GetBoolean()));
        Assert.False(after.GetProperty("awaitsLocalAdoption").GetBoolean());
        Assert.Equal(("allowed", false, "hebei"), (Code(after, "sibling").GetProperty("state").GetString(), Code(after, "sibling").GetProperty("awaitsLocalAdoption").GetBoolean(), Code(after, "sibling").GetProperty("region").GetString()));
        Assert.NotEmpty(Code(after, "sibling").GetProperty("sources").EnumerateArray());
    }

    [Fact]
    public async Task The_policy_api_lists_beijing_allowed_uses_per_code_with_their_owner()
    {
        var uses = Parameter(await PolicyAsync("beijing", "2026-12-01"), EligibilityEngine.Keys.AllowedUses);

        Assert.Equal(("allowed", "national"), (Code(uses, "hospital").GetProperty("state").GetString(), Code(uses, "hospital").GetProperty("region").GetString()));
        Assert.Equal(("allowed", "beijing"), (Code(uses, "commercial_insurance").GetProperty("state").GetString(), Code(uses, "commercial_insurance").GetProperty("region").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_per_code_and_local_adoption_fields()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var parameter = schemas.EnumerateObject().Single(s => s.Name.EndsWith("ParameterDto", StringComparison.Ordinal)).Value.GetProperty("properties");
        Assert.True(parameter.TryGetProperty("awaitsLocalAdoption", out _));
        Assert.True(parameter.TryGetProperty("localAdoption", out _));
        Assert.True(parameter.TryGetProperty("codes", out _));
        var code = schemas.EnumerateObject().Single(s => s.Name.EndsWith("CodeDto", StringComparison.Ordinal)).Value.GetProperty("properties");
        Assert.Equal(["awaitsLocalAdoption", "code", "effectiveFrom", "label", "region", "reported", "sources", "state", "unconfirmed"], code.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var description = document.RootElement.GetProperty("paths").GetProperty("/api/regions/{slug}/policy").GetProperty("get").GetProperty("description").GetString();
        Assert.Contains("awaitsLocalAdoption", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_says_according_to_for_reported_dates_and_marks_a_widening_awaiting_local_adoption()
    {
        var snapshot = Snapshot;
        var page = await Html.GetAsync(_client, "/regions/hebei/history");

        var entries = page.QuerySelectorAll("ol.timeline > li").ToList();
        Assert.NotEmpty(entries);
        var reported = snapshot.LineageOf("hebei").SelectMany(r => snapshot.ParametersOf(r.Slug)).SelectMany(p => p.Values).Count(v => v.Reported);
        Assert.Equal(reported, entries.Count(e => e.QuerySelector(".effective")!.TextContent.StartsWith('据')));
        Assert.DoesNotContain(entries, e => e.QuerySelector(".effective")!.TextContent.StartsWith('据') && e.QuerySelector(".effective")!.TextContent.Contains("日的资料", StringComparison.Ordinal));
        // The national widening of 2024-08-07 awaited 河北's adoption; 河北's own listed value does not.
        var relatives = snapshot.FindDefinition(EligibilityEngine.Keys.Relatives)!.Label;
        var sections = page.QuerySelectorAll($"section.history[aria-label='{relatives}']").ToList();
        Assert.All(sections.Where(s => s.QuerySelector("p.inherited") is null).SelectMany(s => s.QuerySelectorAll("ol.timeline > li")), e => Assert.Null(e.QuerySelector(".badge-adoption")));
        var widening = Assert.Single(sections.SelectMany(s => s.QuerySelectorAll("ol.timeline > li")), e => e.QuerySelector(".badge-adoption") is not null);
        Assert.Contains("没有资料说明河北省从这天起已经执行", widening.TextContent, StringComparison.Ordinal);
        Assert.Equal("据2024年8月的资料", widening.QuerySelector(".effective")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_pay_page_gives_a_reported_rule_the_date_of_its_source_not_a_start_date()
    {
        var page = await Html.GetAsync(_client, "/pay?region=fuzhou&venue=pharmacy&selfPay=500&memberOwnBalance=0&sharerBalance=2300&sharedThisYear=0");

        var dates = page.QuerySelectorAll("ol.steps .effective").Select(e => e.TextContent.Trim()).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.Matches(@"^规则(据\d{4}年\d{1,2}月的资料|自\d{4}年\d{1,2}月\d{1,2}日起)$", d));
        Assert.Contains("规则据2025年4月的资料", dates);
    }

    [Fact]
    public async Task The_national_12393_is_worded_as_reported_and_unconfirmed_on_the_region_page_the_binding_guide_and_the_check()
    {
        const string Worded = "网上资料说可以拨打12393（未经官方证实）";
        var page = await Html.GetAsync(_client, "/regions/hebei");
        var binding = await Html.GetAsync(_client, "/regions/hebei/binding");

        Assert.Contains(Worded, page.QuerySelector(".hotline .hotline-number")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".hotline .hotline-number sup.cite"));
        Assert.DoesNotContain("官方咨询", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Worded, binding.QuerySelector(".hotline .hotline-number")!.TextContent, StringComparison.Ordinal);

        const string Case = """
            {
              "region": "hebei", "asOf": "2026-12-01",
              "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
              "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" },
              "purpose": "hospital"
            }
            """;
        using var content = new StringContent(Case, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/eligibility", content);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var steps = answer.RootElement.GetProperty("nextSteps").EnumerateArray().Select(s => s.GetProperty("text").GetString()!).ToList();
        Assert.Contains(steps, s => s.Contains(Worded, StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Contains("医保服务热线 12393", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.StartsWith("没有找到河北省自己的通知或说明", StringComparison.Ordinal));

        var result = await Html.GetAsync(_client, "/check/result?sharer_place=hebei&member_place=hebei&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal");
        Assert.Contains(Worded, result.QuerySelector(".next-steps .call")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hotline_wording_follows_how_sure_its_sources_are()
    {
        var region = new Region("x", "某地", RegionLevel.Province, "national");

        Assert.Equal("网上资料说可以拨打12393（未经官方证实）", new Hotline("12393", region, Unconfirmed: true, Reported: true, []).Phrase);
        Assert.Equal("据报道，咨询电话是12393", new Hotline("12393", region, Unconfirmed: false, Reported: true, []).Phrase);
        Assert.Equal("医保服务热线12393", new Hotline("12393", region, Unconfirmed: false, Reported: false, []).Phrase);
        Assert.Equal("tel:02112393", new Hotline("021-12393", region, false, false, []).Tel);
    }
}

/// <summary>A region with nothing of its own (its file removed from a copy of the data): every page says so the same way.</summary>
public sealed class RegionWithoutLocalDataTests : IDisposable
{
    private readonly CopiedDataSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_province_without_any_item_of_its_own_says_which_national_rules_apply_and_that_no_local_source_was_found()
    {
        File.Delete(Path.Combine(_site.DataRoot, "seeds", "policy", "hebei.yaml"));
        using var client = _site.CreateClient();

        var list = await Html.GetAsync(client, "/regions");
        var page = await Html.GetAsync(client, "/regions/hebei");

        var hebei = list.QuerySelectorAll(".province-list > li").Single(li => li.QuerySelector(":scope > a")!.GetAttribute("href") == "/regions/hebei");
        Assert.Equal("none", hebei.QuerySelector(":scope > [data-coverage]")!.GetAttribute("data-coverage"));
        var notice = page.QuerySelector("main h1")!.NextElementSibling!;
        Assert.Equal("none", notice.QuerySelector("[data-coverage]")!.GetAttribute("data-coverage"));
        Assert.Contains("没有找到河北省自己的资料：下面按全国的规则", notice.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".fact-group.own"));
        var national = Assert.Single(page.QuerySelectorAll(".fact-group"));
        Assert.Equal("沿用全国的规定", national.QuerySelector("h3")!.TextContent);
        Assert.Contains("没有找到河北省自己的资料，下面这些全国的规定适用于河北省", national.TextContent, StringComparison.Ordinal);
        Assert.NotNull(national.QuerySelector($".fact[data-key='{EligibilityEngine.Keys.Relatives}']"));

        const string Case = """
            {
              "region": "hebei", "asOf": "2026-12-01",
              "sharer": { "insurance": "employee", "status": "normal", "balance": 3000 },
              "member": { "relationship": "spouse", "insurance": "resident", "status": "normal", "location": "same_region" },
              "purpose": "hospital"
            }
            """;
        using var content = new StringContent(Case, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/eligibility", content);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(answer.RootElement.GetProperty("nextSteps").EnumerateArray(), s => s.GetProperty("text").GetString() == "没有找到河北省自己的资料，按全国的规则，本地是否有不同规定请核实。");
    }
}
