using System.Buffers.Binary;
using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

/// <summary>
/// What search engines and shared links see: a description and Open Graph tags worded for each page, the icon and the
/// touch icon, and a robots.txt that keeps crawlers out of the staff area and everyone's own answers.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class SharePreviewTests(SiteFactory site)
{
    private static readonly string[] PublicPages =
    [
        "/", "/regions", "/regions/shanghai", "/regions/shanghai/binding", "/regions/shanghai/history",
        "/regions/shanghai/faq", "/places/320500", "/compare?regions=shanghai,beijing", "/sources", "/check", "/pay",
        "/api-docs",
    ];

    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false });

    private static string Meta(AngleSharp.Dom.IDocument page, string selector)
    {
        var content = page.QuerySelector(selector)?.GetAttribute("content");
        Assert.False(string.IsNullOrWhiteSpace(content), $"no {selector}");
        return content;
    }

    [Fact]
    public async Task Every_public_page_describes_itself_in_its_own_words()
    {
        var previews = new List<(string Url, string Title, string Description)>();
        foreach (var url in PublicPages)
        {
            var page = await Html.GetAsync(_client, url);
            var description = Meta(page, "meta[name=description]");
            Assert.Equal(description, Meta(page, "meta[property='og:description']"));
            Assert.Equal("家庭共济指南", Meta(page, "meta[property='og:site_name']"));
            Assert.Equal("http://localhost/img/share.png", Meta(page, "meta[property='og:image']"));
            Assert.InRange(description.Length, 20, 120);
            previews.Add((url, Meta(page, "meta[property='og:title']"), description));
            Assert.EndsWith("家庭共济指南", page.Title, StringComparison.Ordinal);
            Assert.DoesNotContain("首页", page.Title, StringComparison.Ordinal);
        }

        Assert.Equal(previews.Count, previews.Select(p => p.Description).Distinct().Count());
        Assert.Equal(previews.Count, previews.Select(p => p.Title).Distinct().Count());
    }

    [Theory]
    [InlineData("/regions/shanghai", "上海市职工医保家庭共济：和谁、用在哪、怎么办", "上海市")]
    [InlineData("/regions/beijing", "北京市职工医保家庭共济：和谁、用在哪、怎么办", "北京市")]
    [InlineData("/regions/shanghai/binding", "上海市怎样办理家庭共济", "上海市")]
    [InlineData("/places/320500", "苏州市职工医保家庭共济：按哪里的规则", "苏州市")]
    public async Task A_region_or_place_is_named_in_its_preview(string url, string title, string name)
    {
        var page = await Html.GetAsync(_client, url);

        Assert.Equal(title, Meta(page, "meta[property='og:title']"));
        Assert.Equal(title + " · 家庭共济指南", page.Title);
        Assert.StartsWith(name, Meta(page, "meta[name=description]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_icon_and_the_touch_icon_are_real_pictures_linked_from_every_page()
    {
        var page = await Html.GetAsync(_client, "/sources");
        var icon = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        var touch = page.QuerySelector("link[rel=apple-touch-icon]")!.GetAttribute("href")!;

        var ico = await _client.GetByteArrayAsync(icon);
        var atRoot = await _client.GetByteArrayAsync("/favicon.ico");
        var png = await _client.GetByteArrayAsync(touch);

        Assert.Matches(@"^/favicon\.[a-z0-9]+\.ico$", icon);
        Assert.Equal(atRoot, ico);
        // An .ico of PNG entries: reserved 0, type 1, at least a 16 and a 32 px picture.
        Assert.Equal((0, 1), (BinaryPrimitives.ReadUInt16LittleEndian(ico), BinaryPrimitives.ReadUInt16LittleEndian(ico.AsSpan(2))));
        var sizes = Enumerable.Range(0, BinaryPrimitives.ReadUInt16LittleEndian(ico.AsSpan(4))).Select(i => (int)ico[6 + (16 * i)]).ToList();
        Assert.Contains(16, sizes);
        Assert.Contains(32, sizes);
        Assert.Equal((180, 180), PngSize(png));
        Assert.Equal((180, 180), PngSize(await _client.GetByteArrayAsync("/apple-touch-icon.png")));
        Assert.Equal((1200, 630), PngSize(await _client.GetByteArrayAsync("/img/share.png")));
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Theory]
    [InlineData("/staff", false)]
    [InlineData("/staff/login", false)]
    [InlineData("/check/people", false)]
    [InlineData("/check/result?sharer_place=310000", false)]
    [InlineData("/check/print?sharer_place=310000", false)]
    [InlineData("/pay?region=fuzhou&selfPay=1000", false)]
    [InlineData("/pay/print?region=fuzhou", false)]
    [InlineData("/display?mode=large", false)]
    [InlineData("/", true)]
    [InlineData("/check", true)]
    [InlineData("/pay", true)]
    [InlineData("/regions/shanghai", true)]
    [InlineData("/regions/shanghai/binding/offline/checklist", true)]
    [InlineData("/compare?regions=shanghai,beijing", true)]
    [InlineData("/sources", true)]
    [InlineData("/api/regions/shanghai/policy", true)]
    public async Task Robots_keep_out_of_the_staff_area_and_everyones_own_answers(string path, bool crawled)
    {
        using var response = await _client.GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User-agent: *", text, StringComparison.Ordinal);
        // A crawler's reading: a path is out when it starts with a Disallow value (no Allow lines, no wildcards here).
        var disallowed = text.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("Disallow:", StringComparison.Ordinal))
            .Select(line => line["Disallow:".Length..].Trim())
            .Where(value => value.Length > 0)
            .ToList();
        Assert.DoesNotContain(disallowed, value => value.Contains('*', StringComparison.Ordinal));
        Assert.Equal(crawled, !disallowed.Any(value => path.StartsWith(value, StringComparison.Ordinal)));
    }
}
