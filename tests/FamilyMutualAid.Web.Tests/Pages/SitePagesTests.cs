using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class SitePagesTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Home_page_explains_the_scheme_and_offers_the_place_search()
    {
        var page = await Html.GetAsync(_client, "/");

        Assert.Equal("职工医保个人账户家庭共济", page.QuerySelector("h1")?.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("p.lead")?.TextContent));
        var search = page.QuerySelector("form.place-search");
        Assert.Equal("/regions", search?.GetAttribute("action"));
        Assert.Equal("get", search?.GetAttribute("method"));
        Assert.Equal("q", search?.QuerySelector("input[type=search]")?.GetAttribute("name"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/place-search.js']"));
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/regions")]
    [InlineData("/pay")]
    [InlineData("/compare")]
    public async Task No_region_is_preselected(string url)
    {
        var page = await Html.GetAsync(_client, url);

        Assert.Empty(page.QuerySelectorAll("option[selected]"));
        Assert.All(page.QuerySelectorAll("select"), select => Assert.Equal("", select.QuerySelector("option")?.GetAttribute("value")));
        Assert.All(page.QuerySelectorAll("input[name=q]"), input => Assert.True(string.IsNullOrEmpty(input.GetAttribute("value"))));
    }

    [Fact]
    public async Task Region_choices_are_in_code_order()
    {
        var page = await Html.GetAsync(_client, "/pay");

        var options = page.QuerySelectorAll("select#region option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "beijing", "tianjin", "hebei"], options.Take(4));
        Assert.Equal("bingtuan", options[^1]);
        Assert.Equal(options.IndexOf("fujian") + 1, options.IndexOf("fuzhou"));
    }

    [Fact]
    public async Task The_region_picker_redirects_to_the_chosen_region()
    {
        using var response = await _client.GetAsync("/regions?go=shanghai");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/regions/shanghai", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Every_seeded_region_page_answers_with_its_chinese_heading()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        Assert.True(snapshot.Regions.Length >= 33, "expected national, 31 provinces and the Bingtuan");

        foreach (var region in snapshot.Regions)
        {
            var page = await Html.GetAsync(_client, $"/regions/{region.Slug}");
            Assert.StartsWith(region.Name, page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_content_page_answers_with_its_title()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;

        foreach (var content in snapshot.Pages.Where(p => p.Kind is not ("overview" or "binding" or "channel")))
        {
            var page = await Html.GetAsync(_client, $"/regions/{content.RegionSlug}/{content.Kind}");
            Assert.Equal(content.Title, page.QuerySelector("h1")?.TextContent);
        }
    }

    [Fact]
    public async Task A_province_without_local_rules_shows_the_national_rules_as_inherited()
    {
        var page = await Html.GetAsync(_client, "/regions/hebei");

        Assert.Contains("没有找到河北省自己的通知或说明，本地是否有不同规定请核实", page.QuerySelector(".inherited-notice")!.TextContent, StringComparison.Ordinal);
        var inherited = page.QuerySelector(".fact-group.inherited-group")!;
        Assert.Equal("沿用全国的规定", inherited.QuerySelector("h3")!.TextContent);
        Assert.NotEmpty(inherited.QuerySelectorAll(".fact"));
        // Within its own rules, a code only the national rule states says so.
        var badges = page.QuerySelectorAll(".fact-group.own .badge-inherited").Select(b => b.TextContent).ToList();
        Assert.All(badges, b => Assert.Equal("沿用全国", b));
    }

    [Fact]
    public async Task Every_fact_on_a_region_page_cites_a_listed_source()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        var facts = page.QuerySelectorAll(".fact");
        Assert.NotEmpty(facts);
        foreach (var fact in facts)
        {
            var cites = fact.QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.NotEmpty(cites);
            Assert.All(cites, href => Assert.NotNull(page.QuerySelector(href)));
        }
    }

    [Fact]
    public async Task Region_page_shows_the_last_verified_date_and_the_hotline()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai");

        Assert.Contains("最近一次与所引资料对照于", page.QuerySelector(".asof")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:12393", page.QuerySelector(".hotline a[href^='tel:']")?.GetAttribute("href"));
    }

    /// <summary>The data marks 12393 unconfirmed; the region page says so next to its citation, as the check page does (content-review-2 S-8).</summary>
    [Fact]
    // 12393 for 河北 is the national number, which only anonymous health pages give (nat-12393); 上海's own is confirmed by 新民晚报 (2022).
    public async Task Region_page_marks_an_unconfirmed_hotline()
    {
        var page = await Html.GetAsync(_client, "/regions/hebei");

        var line = page.QuerySelector(".hotline a[href^='tel:']")!.ParentElement!;
        Assert.Contains("网上资料说可以拨打12393（未经官方证实）", line.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(line.QuerySelectorAll("sup.cite a"));
    }

    /// <summary>A list shows what its sources exclude and what they do not address, so a code not listed does not read as a no (content-review-2 S-9).</summary>
    [Theory]
    [InlineData("/regions/national")]
    [InlineData("/compare?regions=shanghai,national")]
    public async Task A_list_value_says_which_items_are_excluded_and_which_are_not_stated(string url)
    {
        var page = await Html.GetAsync(_client, url);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("资料没有说明：", text, StringComparison.Ordinal);
        Assert.Contains("商业健康保险保费", text, StringComparison.Ordinal);
        Assert.Contains("明确不包括：", text, StringComparison.Ordinal);
    }

    /// <summary>The list of uses that may not be paid names exclusions as its items: the uses it leaves out are allowed elsewhere, not unstated.</summary>
    [Fact]
    public async Task The_list_of_uses_that_may_not_be_paid_does_not_call_allowed_uses_unstated()
    {
        var page = await Html.GetAsync(_client, "/regions/national");

        var fact = Assert.Single(page.QuerySelectorAll(".fact"), f => f.QuerySelector("dt")!.TextContent == "共济资金不能支付的费用");
        Assert.DoesNotContain("资料没有说明", fact.QuerySelector(".value")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfirmed_claims_are_marked()
    {
        var page = await Html.GetAsync(_client, "/regions/beijing");

        Assert.NotEmpty(page.QuerySelectorAll(".fact.unconfirmed .badge-unconfirmed"));
    }

    [Fact]
    public async Task Sources_page_lists_every_source_with_an_anchor()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var page = await Html.GetAsync(_client, "/sources");

        Assert.All(snapshot.Sources, s => Assert.NotNull(page.GetElementById(s.Id)));
    }

    [Theory]
    [InlineData("/regions/atlantis")]
    [InlineData("/regions/shanghai/no-such-guide")]
    [InlineData("/no/such/page")]
    public async Task Unknown_addresses_get_the_friendly_chinese_404(string url)
    {
        var page = await Html.GetAsync(_client, url, HttpStatusCode.NotFound);

        Assert.Equal("找不到这个页面", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_hostile_slug_is_echoed_encoded_in_the_404()
    {
        using var response = await _client.GetAsync("/regions/" + Uri.EscapeDataString("<script>alert(1)</script>"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_five_thousand_character_slug_gets_a_404_not_a_500()
    {
        var page = await Html.GetAsync(_client, "/regions/" + new string('a', 5000), HttpStatusCode.NotFound);

        Assert.True(page.QuerySelector(".requested")!.TextContent.Length <= 61);
    }

    [Theory]
    [InlineData("/staff/login")]
    [InlineData("/check/result")]
    [InlineData("/")]
    public async Task A_post_whose_form_cannot_be_read_is_refused_as_bad_not_as_page_not_found(string url)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = new string('a', 5 * 1024 * 1024) });

        using var response = await _client.PostAsync(url, content);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("找不到", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_reports_the_database_healthy()
    {
        using var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var response = await _client.GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_or_styles()
    {
        foreach (var url in new[] { "/", "/regions", "/regions/shanghai", "/sources" })
        {
            var page = await Html.GetAsync(_client, url);
            Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
        }
    }

    [Fact]
    public async Task Chinese_text_is_sent_as_utf8_not_as_numeric_entities()
    {
        var body = await _client.GetStringAsync("/regions/shanghai");

        Assert.Contains("上海市", body, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x4E0A;", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_api_page_documents_every_accepted_code_and_shows_a_live_sample_answer()
    {
        var page = await Html.GetAsync(_client, "/api-docs");

        var accepted = page.QuerySelector(".api-fields")!.TextContent;
        Assert.Contains("long_term_care_premium", accepted, StringComparison.Ordinal);
        Assert.Contains("other_province", accepted, StringComparison.Ordinal);
        using var sample = System.Text.Json.JsonDocument.Parse(page.QuerySelector("pre.json code")!.TextContent);
        Assert.Equal("eligible", sample.RootElement.GetProperty("verdict").GetString());
    }
}
