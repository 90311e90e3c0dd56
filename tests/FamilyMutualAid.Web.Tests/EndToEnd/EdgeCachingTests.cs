using System.Net;
using System.Text;
using FamilyMutualAid.Web.Tests.Infrastructure;
using FamilyMutualAid.Web.Tests.Infrastructure.Servers;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.EndToEnd;

/// <summary>
/// deploy/nginx's cache and compression in front of two instances: public pages and fingerprinted files are kept (one
/// copy per encoding and display mode) and come compressed; a person's answer, a form and the staff area are never
/// kept, and what has a form token is never compressed. Each test uses addresses of its own (an extra query value the
/// site ignores makes a new cache entry at the edge), so the order of tests does not matter.
/// </summary>
public sealed class EdgeCachingTests : IClassFixture<TwoInstanceDeployment>
{
    private const string Answers = "sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";

    private readonly TwoInstanceDeployment _deployment;

    public EdgeCachingTests(TwoInstanceDeployment deployment, ITestOutputHelper output)
    {
        _deployment = deployment;
        _deployment.A.LogTo(output);
        _deployment.B.LogTo(output);
    }

    private static string Unique(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "edge=" + Guid.NewGuid().ToString("N")[..10];

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding) => Encoded.GetAsync(client, url, acceptEncoding);

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;

    [ServerFact]
    public async Task A_public_page_comes_compressed_and_a_repeat_from_anyone_is_served_from_the_cache()
    {
        var url = Unique("/regions/shanghai");
        using var first = _deployment.Proxy.CreateClient("127.0.0.21");
        using var second = _deployment.Proxy.CreateClient("127.0.0.22");

        using var brotli = await GetAsync(first, url, "gzip, deflate, br, zstd");
        using var brotliAgain = await GetAsync(second, url, "br");
        using var gzip = await GetAsync(second, url, "gzip");
        using var plain = await GetAsync(second, url, null);

        Assert.Equal(HttpStatusCode.OK, brotli.StatusCode);
        Assert.Equal(("br", "MISS"), (brotli.Content.Headers.ContentEncoding.Single(), CacheStatus(brotli)));
        Assert.Equal(("br", "HIT"), (brotliAgain.Content.Headers.ContentEncoding.Single(), CacheStatus(brotliAgain)));
        Assert.Equal(await brotli.Content.ReadAsByteArrayAsync(), await brotliAgain.Content.ReadAsByteArrayAsync());
        Assert.Equal(("gzip", "MISS"), (gzip.Content.Headers.ContentEncoding.Single(), CacheStatus(gzip)));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var html = await plain.Content.ReadAsStringAsync();
        Assert.Equal(html, Encoding.UTF8.GetString(await Encoded.DecodedAsync(brotli)));
        Assert.Equal(html, Encoding.UTF8.GetString(await Encoded.DecodedAsync(gzip)));
        Assert.True(brotli.Headers.CacheControl!.Public);
    }

    [ServerFact]
    public async Task The_large_display_is_never_given_the_standard_copy()
    {
        var url = Unique("/sources");
        using var standard = _deployment.Proxy.CreateClient("127.0.0.23");
        using var elder = _deployment.Proxy.CreateClient("127.0.0.24");
        using (var switched = await elder.GetAsync("/display?mode=large&return=/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var standardPage = await GetAsync(standard, url, "br");
        using var largePage = await GetAsync(elder, url, "br");
        using var largeAgain = await GetAsync(elder, url, "br");

        Assert.Equal("MISS", CacheStatus(largePage));
        Assert.Equal("HIT", CacheStatus(largeAgain));
        Assert.Equal("large-text", (await Html.ParseAsync(await Decoded(largeAgain))).DocumentElement.GetAttribute("class"));
        Assert.Null((await Html.ParseAsync(await Decoded(standardPage))).DocumentElement.GetAttribute("class"));
    }

    [ServerFact]
    public async Task A_persons_result_is_never_served_from_the_cache_to_another_client()
    {
        var url = Unique("/check/result?" + Answers);
        using var person = _deployment.Proxy.CreateClient("127.0.0.25");
        using var other = _deployment.Proxy.CreateClient("127.0.0.26");

        using var mine = await GetAsync(person, url, "br");
        using var theirs = await GetAsync(other, url, "br");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.True(mine.Headers.CacheControl!.Private);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.NotEqual("HIT", CacheStatus(theirs));
        Assert.Null(theirs.Headers.Age);
    }

    [ServerFact]
    public async Task A_staff_page_is_never_cached_and_a_form_with_a_token_is_never_compressed()
    {
        using var staff = _deployment.Proxy.CreateClient("127.0.0.27");
        using var visitor = _deployment.Proxy.CreateClient("127.0.0.28");
        var form = await Html.GetAsync(staff, "/staff/login");
        using var signIn = await staff.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TwoInstanceDeployment.AdminEmail,
            ["Password"] = TwoInstanceDeployment.AdminPassword,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var staffHome = await GetAsync(staff, "/staff", "br, gzip");
        using var visitorHome = await GetAsync(visitor, "/staff", "br, gzip");
        using var questions = await GetAsync(visitor, "/check/people", "br, gzip");
        using var login = await GetAsync(visitor, "/staff/login", "br, gzip");

        Assert.Equal(HttpStatusCode.OK, staffHome.StatusCode);
        Assert.Empty(staffHome.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.Redirect, visitorHome.StatusCode);
        Assert.Contains("/staff/login", visitorHome.Headers.Location!.ToString(), StringComparison.Ordinal);
        foreach (var page in new[] { questions, login })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Empty(page.Content.Headers.ContentEncoding);
            Assert.Null(CacheStatus(page));
            Assert.True(page.Headers.CacheControl!.NoStore);
        }
    }

    [ServerFact]
    public async Task The_fingerprinted_stylesheet_is_immutable_compressed_and_kept_at_the_edge()
    {
        using var client = _deployment.Proxy.CreateClient("127.0.0.29");
        var page = await Html.GetAsync(client, Unique("/"));
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var first = await GetAsync(client, stylesheet, "br");
        using var repeat = await GetAsync(client, stylesheet, "br");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        Assert.Equal("br", first.Content.Headers.ContentEncoding.Single());
        Assert.Equal("HIT", CacheStatus(repeat));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await repeat.Content.ReadAsByteArrayAsync());
    }

    [ServerFact]
    public async Task What_the_site_sends_uncompressed_nginx_compresses_but_does_not_keep()
    {
        using var client = _deployment.Proxy.CreateClient("127.0.0.30");

        using var missing = await GetAsync(client, Unique("/no-such-page"), "br");
        using var again = await GetAsync(client, "/no-such-page", "gzip");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("br", missing.Content.Headers.ContentEncoding.Single());
        Assert.Equal("gzip", again.Content.Headers.ContentEncoding.Single());
        Assert.NotEqual("HIT", CacheStatus(again));
        Assert.Contains("<h1", Encoding.UTF8.GetString(await Encoded.DecodedAsync(missing)), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Decoded(HttpResponseMessage response) =>
        new(response.StatusCode) { Content = new ByteArrayContent(await Encoded.DecodedAsync(response)) };
}
