using System.Text.RegularExpressions;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Caching;

/// <summary>
/// The views derived from a snapshot are built once and replaced with it: a publish shows on the next render even with
/// the output cache off, so nothing but the derived views could have kept the old text.
/// </summary>
public sealed class PublishedViewsTests : IAsyncLifetime
{
    // A site per test: configured without the published-view cache (its own configuration).
    private readonly UncachedSiteFactory _site;

    public PublishedViewsTests(ITestOutputHelper output) => _site = (UncachedSiteFactory)new UncachedSiteFactory().LogTo(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_view_is_built_once_per_snapshot_and_date()
    {
        using var client = _site.CreateClient();
        await Html.GetAsync(client, "/regions");
        var views = _site.Services.GetRequiredService<PolicySnapshotProvider>().Views;
        var builds = 0;
        var today = DateOnly.FromDateTime(_site.Clock.GetUtcNow().UtcDateTime);

        var first = views.Get(today, "key", (_, _) => new object[] { ++builds });
        var again = views.Get(today, "key", (_, _) => new object[] { ++builds });
        var tomorrow = views.Get(today.AddDays(1), "key", (_, _) => new object[] { ++builds });

        Assert.Same(first, again);
        Assert.NotSame(first, tomorrow);
        Assert.Equal(2, builds);
    }

    [Fact]
    public async Task A_published_overview_title_shows_on_the_region_and_binding_pages_at_once()
    {
        using var client = _site.CreateClient();
        var before = await Html.GetAsync(client, "/regions/shanghai");
        await Html.GetAsync(client, "/regions/shanghai/binding");
        var views = _site.Services.GetRequiredService<PolicySnapshotProvider>().Views;
        var title = "派生视图的测试标题 " + Guid.NewGuid().ToString("N")[..6];

        await PagePublishing.PublishTitleAsync(_site.Services, "shanghai/overview", title);
        await PagePublishing.PublishTitleAsync(_site.Services, "shanghai/cross-region", title + " 异地");
        var after = await Html.GetAsync(client, "/regions/shanghai");
        var binding = await Html.GetAsync(client, "/regions/shanghai/binding");

        Assert.NotEqual(title, before.QuerySelector("#overview-title")!.TextContent.Trim());
        Assert.Equal(title, after.QuerySelector("#overview-title")!.TextContent.Trim());
        Assert.Contains(binding.QuerySelectorAll("a"), a => a.TextContent.Contains(title + " 异地", StringComparison.Ordinal));
        Assert.NotSame(views, _site.Services.GetRequiredService<PolicySnapshotProvider>().Views);
    }

    [Fact]
    public async Task The_results_documents_section_kept_per_snapshot_numbers_its_sources_as_the_pages_footnotes_do()
    {
        const string result = "/check/result?sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&member_insurance=resident&member_status=normal";
        using var client = _site.CreateClient();
        var snapshot = _site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var markdown = snapshot.ChannelsOf("shanghai")
            .Select(c => ChannelSections.Split(c.Markdown).Sections.FirstOrDefault(s => s.Heading == ChannelSections.Documents))
            .First(s => s is not null)!.Markdown;
        var cited = Regex.Matches(markdown, @"\(/sources#([^)\s]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(cited);

        var first = await Html.GetAsync(client, result);
        await Html.GetAsync(client, "/check/result?sharer_place=350100&member_place=350100&relationship=parent&purpose=pharmacy&sharer_insurance=employee&sharer_status=normal&balance=some&amount=5000&member_insurance=resident&member_status=normal");
        var again = await Html.GetAsync(client, result);

        foreach (var page in new[] { first, again })
        {
            // The i-th citation of the section points at the footnote of the i-th source its Markdown cites.
            var markers = page.QuerySelectorAll("details.documents a.cite").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Equal(cited.Count, markers.Count);
            Assert.All(markers.Zip(cited), m => Assert.Equal(
                "/sources#" + m.Second,
                page.QuerySelector($"li{m.First} > a")?.GetAttribute("href")));
        }
        Assert.Equal(first.QuerySelector("main")!.OuterHtml, again.QuerySelector("main")!.OuterHtml);
    }

    [Fact]
    public async Task A_fresh_compare_numbers_its_footnotes_in_reading_order_whichever_regions_are_side_by_side()
    {
        using var client = _site.CreateClient();
        foreach (var regions in new[] { "national,shanghai,beijing,jiangsu", "beijing,shanghai", "national,shanghai,beijing,jiangsu", "jiangsu,fuzhou,beijing" })
        {
            var page = await Html.GetAsync(client, "/compare?regions=" + regions);

            var cites = page.QuerySelectorAll("table.compare sup.cite a").ToList();
            Assert.NotEmpty(cites);
            var numbers = cites.Select(a => int.Parse(a.GetAttribute("href")!["#fn-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Max()), numbers.Distinct());
            Assert.All(cites, a => Assert.NotNull(page.QuerySelector($"section.footnotes li{a.GetAttribute("href")} > a")));
            Assert.Equal(numbers.Max(), page.QuerySelectorAll("section.footnotes li").Length);
        }
    }

    /// <summary>The site with the output cache off, as the benchmark's fresh mode runs it.</summary>
    private sealed class UncachedSiteFactory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("FamilyMutualAid:CacheRenderedPages", "false");
        }
    }
}
