using System.Net;
using FamilyMutualAid.Web.Tests.Staff;

namespace FamilyMutualAid.Web.Tests.Caching;

/// <summary>
/// A cached page holds only what its cache key holds: rendered with a visitor's extra query values and headers it is
/// byte-identical to the page without them, or it is not cached at all.
/// </summary>
public sealed class CacheKeyTests
{
    private const string Marker = "zzvisitor";
    private const string Answers = "sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";

    public static TheoryData<string> PublicUrls =>
    [
        "/", "/regions", "/regions?q=suzhou", "/regions/shanghai", "/regions/shanghai/binding", "/regions/jiangsu/history",
        "/regions/shanghai/history", "/regions/shanghai/faq", "/places/320500", "/compare?regions=shanghai,beijing", "/sources",
        "/api-docs", "/pay", "/check", "/check/result?" + Answers, "/check/print?" + Answers, "/api/regions",
        "/api/regions/shanghai/policy", "/api/places?q=suzhou",
    ];

    private static string WithVisitorQuery(string url) =>
        url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "utm_source=" + Marker + "&x=" + new string('x', 3000);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, bool visitorHeaders)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (visitorHeaders)
        {
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "gopher");
            request.Headers.Referrer = new Uri("https://evil.example/" + Marker);
            request.Headers.Add("Accept-Language", "en-US");
            request.Headers.Add("User-Agent", Marker);
        }
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(PublicUrls))]
    public async Task A_public_page_with_a_visitors_extra_query_and_headers_is_byte_identical_or_not_cached(string url)
    {
        // Rendered fresh each time, so the two bodies are what each request would put in the cache.
        using var site = new StaffSiteFactory { Settings = new Dictionary<string, string> { ["FamilyMutualAid:CacheRenderedPages"] = "false" } };
        using var client = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        using var plain = await GetAsync(client, url, visitorHeaders: false);
        using var visited = await GetAsync(client, WithVisitorQuery(url), visitorHeaders: true);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        if (visited.Headers.ETag is null && visited.Headers.CacheControl?.NoStore != false)
        {
            return;
        }
        var expected = await plain.Content.ReadAsStringAsync();
        var actual = await visited.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Marker, actual, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", actual, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(plain.Headers.ETag, visited.Headers.ETag);
    }

    [Theory]
    [InlineData("/places/320500")]
    [InlineData("/regions/jiangsu/history")]
    [InlineData("/regions/shanghai/binding")]
    public async Task The_copy_cached_for_one_visitors_query_does_not_carry_it_to_the_next_visitor(string url)
    {
        using var site = new StaffSiteFactory();
        using var client = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        using var first = await GetAsync(client, WithVisitorQuery(url), visitorHeaders: false);
        using var next = await GetAsync(client, url, visitorHeaders: false);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.DoesNotContain(Marker, await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
