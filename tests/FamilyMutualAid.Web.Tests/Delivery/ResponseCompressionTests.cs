using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FamilyMutualAid.Web.Caching;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Delivery;

/// <summary>
/// Published pages and API answers in Production through the TLS proxy: Brotli where accepted, gzip otherwise,
/// compressed once and kept so by the output cache (one copy per encoding), each encoding with its own ETag; forms with
/// a token and the staff area are never compressed by the site.
/// </summary>
public sealed class ResponseCompressionTests : IClassFixture<ProductionSiteFactory>
{
    private const string Result = "/check/result?sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";

    private readonly HttpClient _client;

    public ResponseCompressionTests(ProductionSiteFactory site, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.LogTo(output);
        _client = site.ThroughProxy();
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null) =>
        Encoded.GetAsync(_client, url, acceptEncoding, ifNoneMatch);

    [Theory]
    [InlineData("/regions/shanghai", "gzip, deflate, br, zstd", "br")]
    [InlineData("/regions/shanghai", "gzip", "gzip")]
    [InlineData("/regions/shanghai", "br;q=0, gzip", "gzip")]
    [InlineData("/regions/shanghai", null, null)]
    [InlineData("/compare?regions=shanghai,beijing", "br", "br")]
    [InlineData("/sources", "gzip", "gzip")]
    [InlineData("/api/regions/shanghai/policy", "br", "br")]
    [InlineData("/api/places?q=suzhou", "gzip", "gzip")]
    [InlineData(Result, "br", "br")]
    public async Task Published_answers_come_in_the_best_encoding_the_client_accepts(string url, string? acceptEncoding, string? expected)
    {
        using var plain = await GetAsync(url, null);
        using var response = await GetAsync(url, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal(["Accept-Encoding", "Cookie"], response.Headers.Vary.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).Order());
        Assert.Equal(await plain.Content.ReadAsStringAsync(), Encoding.UTF8.GetString(await Encoded.DecodedAsync(response)));
    }

    [Fact]
    public async Task A_repeat_is_the_cached_compressed_copy_and_each_encoding_keeps_its_own()
    {
        const string url = "/regions/beijing/binding";
        using var first = await GetAsync(url, "br");

        using var brotli = await GetAsync(url, "br, gzip");
        using var gzip = await GetAsync(url, "gzip");
        using var plain = await GetAsync(url, null);

        Assert.NotNull(brotli.Headers.Age);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await brotli.Content.ReadAsByteArrayAsync());
        Assert.Equal(["br", "gzip"], new[] { brotli, gzip }.Select(r => r.Content.Headers.ContentEncoding.Single()));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(Encoding.UTF8.GetString(await Encoded.DecodedAsync(gzip)), await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_encoding_has_its_own_etag_and_revalidates_with_it()
    {
        const string url = "/regions/guangdong";
        using var brotli = await GetAsync(url, "br");
        using var gzip = await GetAsync(url, "gzip");

        using var sameEncoding = await GetAsync(url, "gzip, deflate, br", brotli.Headers.ETag);
        using var otherEncoding = await GetAsync(url, "gzip", brotli.Headers.ETag);

        Assert.NotEqual(brotli.Headers.ETag, gzip.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, sameEncoding.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherEncoding.StatusCode);
        Assert.Equal("gzip", otherEncoding.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task A_computed_api_answer_is_compressed_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/eligibility")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("\"errors\"", Encoding.UTF8.GetString(await Encoded.DecodedAsync(response)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/check/people")]
    [InlineData("/staff/login")]
    public async Task Pages_with_a_form_token_are_never_compressed(string url)
    {
        using var response = await GetAsync(url, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip;q=1.0, br;q=0.5", "br")]
    [InlineData("GZIP", "gzip")]
    [InlineData("br;q=0, gzip;q=0.8", "gzip")]
    [InlineData("br;q=0.0, gzip;q=0", "identity")]
    [InlineData("*", "br")]
    [InlineData("deflate, identity", "identity")]
    [InlineData("", "identity")]
    public void The_encoding_is_brotli_else_gzip_else_none(string acceptEncoding, string expected) =>
        Assert.Equal(expected, ResponseEncoding.Preferred(acceptEncoding));
}
