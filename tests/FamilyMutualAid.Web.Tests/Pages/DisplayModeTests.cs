using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;

namespace FamilyMutualAid.Web.Tests.Pages;

/// <summary>长辈版: a plain link switches to large text, a cookie remembers it, and the switch only ever returns to this site.</summary>
[Collection(SiteGroup.Name)]
public sealed class DisplayModeTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpResponseMessage> GetAsync(string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/regions?q=suzhou")]
    [InlineData("/places/320500")]
    [InlineData("/compare?regions=shanghai,beijing")]
    [InlineData("/pay")]
    [InlineData("/sources")]
    [InlineData("/check")]
    public async Task Every_page_offers_the_switch_back_to_itself(string url)
    {
        using var response = await GetAsync(url);
        var page = await Html.ParseAsync(response);

        var link = page.QuerySelector("header a.display-switch");
        Assert.Equal("长辈版（大字）", link?.TextContent);
        var href = link?.GetAttribute("href") ?? "";
        Assert.StartsWith("/display?mode=large&return=", href, StringComparison.Ordinal);
        Assert.Equal(url, Uri.UnescapeDataString(href["/display?mode=large&return=".Length..]));
        Assert.Null(page.DocumentElement.GetAttribute("class"));
    }

    [Fact]
    public async Task A_page_that_is_not_found_switches_back_to_the_address_asked_for()
    {
        using var response = await GetAsync("/regions/nowhere");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith("return=" + Uri.EscapeDataString("/regions/nowhere"), page.QuerySelector("a.display-switch")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_sets_a_lasting_cookie_and_returns_to_the_same_page_in_large_text()
    {
        using var response = await GetAsync("/display?mode=large&return=" + Uri.EscapeDataString("/regions?q=苏州"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/regions?q=苏州", Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("fma-display=large;", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);

        using var large = await GetAsync("/regions?q=" + Uri.EscapeDataString("苏州"), "fma-display=large");
        var page = await Html.ParseAsync(large);
        Assert.Equal("large-text", page.DocumentElement.GetAttribute("class"));
        Assert.Equal("标准版", page.QuerySelector("a.display-switch")?.TextContent);
        Assert.StartsWith("/display?mode=standard&", page.QuerySelector("a.display-switch")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll(".place-results li"));
    }

    [Theory]
    [InlineData("/%E3%80%80/evil", "/%E3%80%80/evil")]
    [InlineData("/regions/%E4%B8%8A%E6%B5%B7 x", "/regions/%E4%B8%8A%E6%B5%B7%20x")]
    public async Task A_return_address_with_characters_a_header_cannot_carry_is_escaped_not_an_error(string @return, string location)
    {
        using var response = await GetAsync("/display?mode=large&return=" + Uri.EscapeDataString(Uri.UnescapeDataString(@return)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Switching_back_to_standard_deletes_the_cookie()
    {
        using var response = await GetAsync("/display?mode=standard&return=%2Fpay", "fma-display=large");

        Assert.Equal("/pay", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fma-display=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task The_switch_never_redirects_off_the_site(string target)
    {
        using var response = await GetAsync("/display?mode=large&return=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_cached_page_is_cached_separately_for_each_display_mode()
    {
        const string url = "/regions?q=xuzhou";
        using var first = await GetAsync(url, "fma-display=large");
        using var second = await GetAsync(url);
        using var third = await GetAsync(url, "fma-display=large");

        Assert.Equal("large-text", (await Html.ParseAsync(first)).DocumentElement.GetAttribute("class"));
        Assert.Null((await Html.ParseAsync(second)).DocumentElement.GetAttribute("class"));
        Assert.Equal("large-text", (await Html.ParseAsync(third)).DocumentElement.GetAttribute("class"));
    }
}
