using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Delivery;

/// <summary>
/// The stylesheet and scripts in Production (from the build output, as the tests and the benchmark run it): linked by
/// their fingerprinted addresses from the build's manifest, kept a year by any cache, and sent precompressed (Brotli
/// where accepted, gzip otherwise).
/// </summary>
public sealed class StaticAssetTests : IClassFixture<ProductionSiteFactory>
{
    private readonly HttpClient _client;

    public StaticAssetTests(ProductionSiteFactory site, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.LogTo(output);
        _client = site.ThroughProxy();
    }

    private async Task<string> LinkedAsync(string page, string selector, string attribute)
    {
        var document = await Html.GetAsync(_client, page);
        var element = document.QuerySelector(selector);
        Assert.NotNull(element);
        Assert.False(element.HasAttribute("asp-append-version"), "a tag helper attribute was written to the reader");
        return element.GetAttribute(attribute)!;
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding = null) => Encoded.GetAsync(_client, url, acceptEncoding);

    [Theory]
    [InlineData("/", "link[rel=stylesheet]", "href", "/css/site.", ".css")]
    [InlineData("/regions", "script[src*=place-search]", "src", "/js/place-search.", ".js")]
    [InlineData("/check/people", "script[src*=place-search]", "src", "/js/place-search.", ".js")]
    public async Task Pages_link_the_fingerprinted_file_which_any_cache_may_keep_a_year(string page, string selector, string attribute, string prefix, string extension)
    {
        var url = await LinkedAsync(page, selector, attribute);

        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(prefix) + "[a-z0-9]{6,}" + System.Text.RegularExpressions.Regex.Escape(extension) + "$", url);
        using var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("identity", null)]
    [InlineData(null, null)]
    public async Task The_stylesheet_comes_precompressed_as_the_client_accepts_and_says_it_varies(string? acceptEncoding, string? expected)
    {
        var url = await LinkedAsync("/", "link[rel=stylesheet]", "href");
        using var plain = await GetAsync(url);

        using var response = await GetAsync(url, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await Encoded.DecodedAsync(response));
        if (expected is not null)
        {
            Assert.True(response.Content.Headers.ContentLength < plain.Content.Headers.ContentLength / 3, "the compressed stylesheet is not a third of the plain one");
        }
    }

    [Fact]
    public async Task The_unfingerprinted_address_still_answers_but_is_revalidated()
    {
        using var response = await GetAsync("/css/site.css", "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }
}

/// <summary>In Development too (files may change while it runs, so they are revalidated), pages link the fingerprinted files.</summary>
[Collection(SiteGroup.Name)]
public sealed class DevelopmentStaticAssetTests(SiteFactory site)
{
    [Theory]
    [InlineData("/", "link[rel=stylesheet]", "href")]
    [InlineData("/check/people", "script[src*=place-search]", "src")]
    public async Task Pages_link_the_fingerprinted_file_and_write_no_tag_helper_attribute(string page, string selector, string attribute)
    {
        using var client = site.CreateClient();
        var document = await Html.GetAsync(client, page);

        var elements = document.QuerySelectorAll(selector);
        Assert.NotEmpty(elements);
        Assert.All(elements, element =>
        {
            Assert.Matches(@"^/(css|js)/[a-z-]+\.[a-z0-9]{6,}\.(css|js)$", element.GetAttribute(attribute));
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("asp-", StringComparison.Ordinal));
        });
        using var file = await client.GetAsync(elements[0].GetAttribute(attribute));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        // Each compressed copy is what its Content-Encoding says (the framework's watch for edited files, on by
        // default for a build, sent unchanged files as uncompressed gzip labelled br).
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var compressed = await Encoded.GetAsync(client, elements[0].GetAttribute(attribute)!, encoding);
            Assert.Equal(encoding, compressed.Content.Headers.ContentEncoding.Single());
            Assert.Equal(await file.Content.ReadAsByteArrayAsync(), await Encoded.DecodedAsync(compressed));
            Assert.True(compressed.Content.Headers.ContentLength < file.Content.Headers.ContentLength / 2);
        }
    }
}

/// <summary>Residents' pages load only the residents' styles; the staff area's come in a file of their own.</summary>
[Collection(SiteGroup.Name)]
public sealed class StylesheetSplitTests(SiteFactory site)
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/regions/shanghai", false)]
    [InlineData("/check/people", false)]
    [InlineData("/staff/login", true)]
    public async Task Only_staff_pages_load_the_staff_styles(string url, bool staff)
    {
        using var client = site.CreateClient();
        var page = await Html.GetAsync(client, url);

        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(link => link.GetAttribute("href")!).ToList();
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", sheets[0]);
        Assert.Equal(staff, sheets.Skip(1).Any(href => href.StartsWith("/css/staff.", StringComparison.Ordinal)));
        Assert.Equal(staff ? 2 : 1, sheets.Count);
    }

    [Fact]
    public async Task The_residents_styles_hold_no_rule_of_the_staff_area()
    {
        using var client = site.CreateClient();
        var residents = await client.GetStringAsync("/css/site.css");
        var staff = await client.GetStringAsync("/css/staff.css");

        foreach (var selector in new[] { ".staff-form", ".review-panel", "table.audit", ".source-picker", ".version-list", "pre.diff" })
        {
            Assert.DoesNotContain(selector, residents, StringComparison.Ordinal);
            Assert.Contains(selector, staff, StringComparison.Ordinal);
        }
        Assert.Contains(".hint", residents, StringComparison.Ordinal);
    }
}
