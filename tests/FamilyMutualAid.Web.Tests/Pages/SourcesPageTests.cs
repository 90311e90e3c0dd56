using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.Pages;

[Collection(SiteGroup.Name)]
public sealed class SourcesPageTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private static string Fact(AngleSharp.Dom.IElement article, string term) =>
        article.QuerySelectorAll(".source-facts div").Single(d => d.QuerySelector("dt")!.TextContent == term).QuerySelector("dd")!.TextContent;

    [Fact]
    public async Task Each_source_shows_its_title_publisher_date_and_confidence_in_plain_words()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var page = await Html.GetAsync(_client, "/sources");

        foreach (var source in snapshot.Sources)
        {
            var article = page.QuerySelector($"article#{source.Id}");
            Assert.NotNull(article);
            Assert.Equal(source.Title, article.QuerySelector("h2")?.TextContent);
            Assert.Equal(source.Publisher ?? "发布者不详", Fact(article, "发布者"));
            Assert.StartsWith(source.Date is { } date ? PolicyText.Date(date) : "日期不详", Fact(article, "日期"), StringComparison.Ordinal);
            Assert.Contains(PolicyText.TierMeaning(source.Tier), Fact(article, "可信程度"), StringComparison.Ordinal);
        }
        Assert.Contains(snapshot.Sources, s => s.Date is null);
    }

    [Fact]
    public async Task No_internal_file_name_appears_on_the_sources_page_or_in_footnotes()
    {
        var snapshot = site.Services.GetRequiredService<PolicySnapshotProvider>().Current;
        var files = snapshot.Sources.Select(s => s.File).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(files);

        foreach (var url in new[] { "/sources", "/regions/shanghai", "/regions/jiangsu/binding", "/compare?regions=shanghai,fuzhou" })
        {
            var text = (await Html.GetAsync(_client, url)).Body!.TextContent;
            Assert.All(files, file => Assert.DoesNotContain(file, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_source_that_names_an_official_channel_links_to_it()
    {
        var page = await Html.GetAsync(_client, "/sources");

        var links = page.QuerySelectorAll("article#jiangsu-page .source-channels a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("江苏医保云App（江苏省）", "/regions/jiangsu/binding#channel-jiangsu-app")], links);
        var binding = await Html.GetAsync(_client, "/regions/jiangsu/binding");
        Assert.NotNull(binding.QuerySelector("#channel-jiangsu-app"));
        Assert.Null(page.QuerySelector("article#guideline-2021 .source-channels"));
    }

    [Fact]
    public async Task Every_page_a_source_supports_is_linked_at_an_address_that_answers()
    {
        var page = await Html.GetAsync(_client, "/sources");

        var hrefs = page.QuerySelectorAll("article.source details a").Select(a => a.GetAttribute("href")!.Split('#')[0]).Distinct().ToList();
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs)
        {
            await Html.GetAsync(_client, href);
        }
    }
}
