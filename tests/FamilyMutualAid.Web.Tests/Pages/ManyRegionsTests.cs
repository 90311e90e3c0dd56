using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

/// <summary>
/// With 500 more city regions the pages that pick regions stay as small as before: regions are typed and searched
/// (a plain GET form, no JavaScript), never listed in one select.
/// </summary>
public sealed class ManyRegionsTests : IClassFixture<ManyRegionsTests.ManyRegionsSite>
{
    private readonly ManyRegionsSite _site;

    public ManyRegionsTests(ManyRegionsSite site) => _site = site;

    /// <summary>The repository's data and 500 extra cities, spread over the provinces.</summary>
    public sealed class ManyRegionsSite : IDisposable
    {
        public const int Extra = 500;

        public ManyRegionsSite()
        {
            var regions = Path.Combine(Site.DataRoot, "seeds", "regions.yaml");
            var provinces = File.ReadAllLines(regions)
                .Where(l => l.Contains("level: province", StringComparison.Ordinal))
                .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
                .ToList();
            File.AppendAllLines(regions, Enumerable.Range(1, Extra).Select(i =>
                $"many-city-{i:D3}: {{ name: 测试多城{i:D3}市, level: city, parent: {provinces[i % provinces.Count]} }}"));
        }

        public CopiedDataSiteFactory Site { get; } = new();

        public void Dispose() => Site.Dispose();
    }

    [Fact]
    public async Task The_compare_form_has_four_text_fields_and_no_list_of_every_region()
    {
        using var client = _site.Site.CreateClient();
        using var response = await client.GetAsync("/compare");
        var page = await Html.ParseAsync(response);

        Assert.Equal(4, page.QuerySelectorAll("form.compare-form input[type=text][name=r]").Length);
        Assert.Empty(page.QuerySelectorAll("select, option, datalist"));
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 8_000);
    }

    [Fact]
    public async Task A_region_typed_by_name_and_a_city_typed_in_pinyin_are_compared_without_javascript()
    {
        using var client = _site.Site.CreateClient(new() { AllowAutoRedirect = false });
        using var submitted = await client.GetAsync("/compare?r=" + Uri.EscapeDataString("测试多城321市") + "&r=hangzhou&r=&r=");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/compare?regions=many-city-321%2Czhejiang", submitted.Headers.Location?.OriginalString);
        var page = await Html.GetAsync(client, submitted.Headers.Location!.OriginalString);
        // The city has no rules of its own: it follows 浙江省, so no row differs and the page says so.
        Assert.Contains("都一样", page.QuerySelector("main .notice")?.TextContent, StringComparison.Ordinal);
        var all = await Html.GetAsync(client, page.QuerySelector("main .notice a")!.GetAttribute("href")!);
        Assert.Equal(["测试多城321市", "浙江省"], all.QuerySelectorAll("table.compare thead th a").Select(a => a.TextContent));
        Assert.Equal(["测试多城321市", "浙江省", "", ""], page.QuerySelectorAll("input[name=r]").Select(i => i.GetAttribute("value") ?? ""));
    }

    [Theory]
    [InlineData("苏州", "jiangsu")]
    [InlineData("上海", "shanghai")]
    [InlineData("福州", "fuzhou")]
    public async Task A_place_typed_as_people_say_it_compares_the_region_whose_rules_it_has(string typed, string slug)
    {
        using var client = _site.Site.CreateClient(new() { AllowAutoRedirect = false });
        using var submitted = await client.GetAsync("/compare?r=" + Uri.EscapeDataString(typed) + "&r=national");

        Assert.Equal($"/compare?regions={slug}%2Cnational", submitted.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Text_that_names_no_single_region_is_shown_back_beside_the_form_with_400()
    {
        using var client = _site.Site.CreateClient();
        using var response = await client.GetAsync("/compare?r=" + Uri.EscapeDataString("测试多城") + "&r=shanghai");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("“测试多城”", page.QuerySelector("#compare-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#r0")?.GetAttribute("aria-invalid"));
        Assert.Equal("测试多城", page.QuerySelector("#r0")?.GetAttribute("value"));
        Assert.Equal("false", page.QuerySelector("#r1")?.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task The_region_list_and_the_pay_form_list_only_regions_with_data_of_their_own()
    {
        using var client = _site.Site.CreateClient();

        var regions = await Html.GetAsync(client, "/regions");
        var pay = await Html.GetAsync(client, "/pay");

        Assert.DoesNotContain(regions.QuerySelectorAll(".province-list a"), a => a.TextContent.StartsWith("测试多城", StringComparison.Ordinal));
        Assert.Contains(regions.QuerySelectorAll(".province-list a"), a => a.TextContent == "福州市");
        Assert.DoesNotContain(pay.QuerySelectorAll("#region option"), o => o.TextContent.StartsWith("测试多城", StringComparison.Ordinal));
        // Still reachable: its own page, and the compare form by name.
        await Html.GetAsync(client, "/regions/many-city-001");
    }
}
