using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class BindingPagesTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>The hotline in the printable checklist carries its sources and says it is unconfirmed, as on the check page (content-review-2 S-8).</summary>
    [Fact]
    public async Task The_checklist_hotline_is_cited_and_marked_unconfirmed()
    {
        var binding = await Html.GetAsync(_client, "/regions/national/binding");
        var checklist = await Html.GetAsync(_client, binding.QuerySelector("section.channel a[href$='/checklist']")!.GetAttribute("href")!);

        var line = Assert.Single(checklist.QuerySelectorAll("main p"), p => p.TextContent.Contains("12393", StringComparison.Ordinal));
        Assert.Contains("网上资料说可以拨打12393（未经官方证实）", line.TextContent, StringComparison.Ordinal);
        var cites = line.QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(cites);
        Assert.All(cites, href => Assert.NotNull(checklist.QuerySelector(href)));
    }

    [Fact]
    public async Task Every_region_with_channels_lists_each_with_numbered_steps_documents_and_a_working_checklist_link()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var regions = snapshot.Regions.Where(r => snapshot.ChannelsOf(r.Slug).Any()).ToList();
        Assert.Contains(regions, r => r.Slug == "shanghai");
        Assert.Contains(regions, r => r.Slug == "national");

        foreach (var region in regions)
        {
            var page = await Html.GetAsync(_client, $"/regions/{region.Slug}/binding");
            foreach (var channel in snapshot.ChannelsOf(region.Slug))
            {
                var section = page.GetElementById($"channel-{channel.Channel}");
                Assert.NotNull(section);
                Assert.Equal(channel.Title, section.QuerySelector("h2")!.FirstChild!.TextContent.Trim());
                Assert.NotEmpty(section.QuerySelectorAll("ol li"));
                var checklist = section.QuerySelector("a[href$='/checklist']")!.GetAttribute("href")!;
                var printable = await Html.GetAsync(_client, checklist);
                Assert.Equal("带齐这些材料", printable.QuerySelector("h1")!.TextContent);
                Assert.NotEmpty(printable.QuerySelectorAll(".checklist-documents li"));
            }
        }
    }

    [Fact]
    public async Task Shanghai_offers_several_channels_online_ones_first()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai/binding");

        var modes = page.QuerySelectorAll("section.channel.own h2 .badge-mode").Select(b => b.TextContent).ToList();
        Assert.True(modes.Count >= 2);
        Assert.Equal(modes.OrderBy(m => m == "线上" ? 0 : 1), modes);
    }

    [Fact]
    public async Task A_region_without_local_channels_shows_the_national_ones_and_says_so()
    {
        var page = await Html.GetAsync(_client, "/regions/hebei/binding");

        Assert.Contains("全国", page.QuerySelector(".inherited-notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("section.channel"));
        Assert.All(page.QuerySelectorAll("section.channel a[href$='/checklist']"), a => Assert.StartsWith("/regions/national/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_binding_guide_links_the_cross_region_filing_guide_and_the_family_account_explainer()
    {
        var page = await Html.GetAsync(_client, "/regions/shanghai/binding");

        Assert.NotNull(page.QuerySelector("a[href='/regions/shanghai/cross-region']"));
        Assert.NotNull(page.QuerySelector("a[href='/regions/national/family-account']"));
    }

    [Theory]
    [InlineData("/regions/shanghai/binding/no-such-channel/checklist")]
    [InlineData("/regions/atlantis/binding")]
    public async Task Unknown_channels_and_regions_get_the_404(string url)
    {
        await Html.GetAsync(_client, url, HttpStatusCode.NotFound);
    }
}

/// <summary>Guides not verified for over a year are labelled as possibly out of date.</summary>
public sealed class StaleGuideTests : IDisposable
{
    // A site per test: a test advances the site's clock two years.
    private readonly CopiedDataSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_channel_verified_more_than_a_year_ago_is_labelled_possibly_out_of_date()
    {
        var file = Directory.EnumerateFiles(Path.Combine(_site.DataRoot, "content", "shanghai", "channels"), "*.md").Order(StringComparer.Ordinal).First();
        var relative = Path.GetRelativePath(_site.DataRoot, file);
        var verified = File.ReadAllLines(file).First(l => l.StartsWith("last_verified:", StringComparison.Ordinal));
        _site.Replace(relative, verified, "last_verified: 2020-01-01");
        using var client = _site.CreateClient();

        var page = await Html.GetAsync(client, "/regions/shanghai/binding");

        var stale = page.GetElementById($"channel-{Path.GetFileNameWithoutExtension(file)}")!;
        Assert.Contains("可能已过时", stale.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("section.channel"), s => s.TextContent.Contains("可能已过时", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guides_become_possibly_out_of_date_a_year_after_their_verification_by_the_sites_clock()
    {
        using var client = _site.CreateClient();
        var today = await Html.GetAsync(client, "/regions/shanghai/binding");
        Assert.DoesNotContain("可能已过时", today.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The Shanghai channels were verified in November 2026; two years on, every one of them is labelled.
        _site.Clock.Advance(TimeSpan.FromDays(2 * 365));
        var later = await Html.GetAsync(client, "/regions/shanghai/binding");

        var channels = later.QuerySelectorAll("section.channel");
        Assert.NotEmpty(channels);
        Assert.All(channels, c => Assert.Contains("可能已过时", c.TextContent, StringComparison.Ordinal));
    }
}
