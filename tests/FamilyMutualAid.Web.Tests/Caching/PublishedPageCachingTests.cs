using System.Net;
using System.Net.Http.Headers;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Caching;

/// <summary>
/// Public pages carry an ETag from their inputs and a short shared-cache lifetime, answer a still-valid If-None-Match
/// with 304, and are cached on exactly the inputs they read; pages with someone's answers stay in their browser.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class PublishedPageCachingTests(SiteFactory site)
{
    private const string Answers = "sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";
    private const string Result = "/check/result?" + Answers;

    private readonly HttpClient _client = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpResponseMessage> GetAsync(string url, string? cookie = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/regions")]
    [InlineData("/regions?q=suzhou")]
    [InlineData("/regions/shanghai")]
    [InlineData("/regions/shanghai/binding")]
    [InlineData("/regions/shanghai/history")]
    [InlineData("/regions/shanghai/faq")]
    [InlineData("/places/320500")]
    [InlineData("/compare?regions=shanghai,beijing")]
    [InlineData("/sources")]
    [InlineData("/api-docs")]
    [InlineData("/api/regions")]
    [InlineData("/api/regions/shanghai/policy")]
    [InlineData("/api/places?q=suzhou")]
    public async Task Every_public_page_has_an_etag_and_may_be_kept_by_shared_caches_for_a_minute(string url)
    {
        using var response = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "300");
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/regions/shanghai")]
    [InlineData("/api/regions/shanghai/policy")]
    [InlineData(Result)]
    public async Task A_repeat_with_the_etag_it_was_given_answers_304_without_a_body(string url)
    {
        using var first = await GetAsync(url);
        using var repeat = await GetAsync(url, ifNoneMatch: first.Headers.ETag);

        Assert.Equal(HttpStatusCode.NotModified, repeat.StatusCode);
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
        Assert.Empty(await repeat.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_etag_of_another_page_gets_the_page()
    {
        using var other = await GetAsync("/regions/beijing");
        using var response = await GetAsync("/regions/shanghai", ifNoneMatch: other.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(other.Headers.ETag, response.Headers.ETag);
    }

    [Theory]
    [InlineData(Result)]
    [InlineData("/check/answers?" + Answers)]
    [InlineData("/pay?region=fuzhou&venue=pharmacy&selfPay=1000&memberOwnBalance=0&sharerBalance=5000&sharedThisYear=0")]
    public async Task Pages_with_someones_answers_are_kept_by_their_browser_only(string url)
    {
        using var response = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.False(response.Headers.CacheControl.Public);
    }

    [Fact]
    public async Task The_check_start_page_has_an_etag_but_its_questions_with_a_form_token_are_not_stored()
    {
        using var start = await GetAsync("/check");
        using var response = await GetAsync("/check/people");

        Assert.NotNull(start.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task A_region_page_has_an_etag_but_a_missing_one_is_not_kept()
    {
        using var found = await GetAsync("/regions/jiangsu");
        using var response = await GetAsync("/regions/nowhere");

        Assert.NotNull(found.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Fact]
    public async Task A_query_value_the_page_does_not_read_shares_its_cached_copy_and_etag()
    {
        using var plain = await GetAsync("/regions/guangdong");
        using var tagged = await GetAsync("/regions/guangdong?utm_source=wechat");

        Assert.Equal(plain.Headers.ETag, tagged.Headers.ETag);
        Assert.NotNull(tagged.Headers.Age);
    }

    [Fact]
    public async Task A_query_value_the_page_reads_has_its_own_copy_and_etag()
    {
        using var suzhou = await GetAsync("/regions?q=suzhou");
        using var fuzhou = await GetAsync("/regions?q=fuzhou");
        var page = await Html.ParseAsync(fuzhou);

        Assert.NotEqual(suzhou.Headers.ETag, fuzhou.Headers.ETag);
        Assert.Contains("fuzhou", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_large_display_has_its_own_etag_and_cached_copy()
    {
        using var standard = await GetAsync("/sources");
        using var large = await GetAsync("/sources", "fma-display=large");
        using var largeAgain = await GetAsync("/sources", "fma-display=large");
        using var standardAgain = await GetAsync("/sources", ifNoneMatch: large.Headers.ETag);

        Assert.NotEqual(standard.Headers.ETag, large.Headers.ETag);
        Assert.Equal("large-text", (await Html.ParseAsync(largeAgain)).DocumentElement.GetAttribute("class"));
        Assert.Null((await Html.ParseAsync(standardAgain)).DocumentElement.GetAttribute("class"));
    }
}

/// <summary>A publish changes every ETag and evicts the cached pages (its own site: it changes the data).</summary>
public sealed class PublishedPageRefreshTests : IAsyncLifetime
{
    // A site per test: it publishes Shanghai's FAQ, which the shared site's caching tests read as seeded.
    private readonly SiteFactory _site;

    public PublishedPageRefreshTests(ITestOutputHelper output) => _site = new SiteFactory().LogTo(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task After_a_publish_the_old_etag_gets_the_new_page()
    {
        using var client = _site.CreateClient();
        using var before = await client.GetAsync("/regions/shanghai/faq");
        using (var cached = await client.GetAsync("/regions/shanghai/faq"))
        {
            Assert.NotNull(cached.Headers.Age);
        }
        var title = "缓存与 ETag 的测试标题 " + Guid.NewGuid().ToString("N")[..6];

        await PagePublishing.PublishTitleAsync(_site.Services, "shanghai/faq", title);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/regions/shanghai/faq");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Null(after.Headers.Age);
        Assert.Equal(title, (await Html.ParseAsync(after)).QuerySelector("h1")!.TextContent.Trim());
    }
}
