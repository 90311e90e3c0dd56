using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Deployment;

/// <summary>The Production site behind its TLS proxy, with a sign-in limit of three attempts a minute.</summary>
public sealed class ProductionSite : ProductionSiteFactory
{
    public const int LoginAttempts = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Staff:LoginAttemptsPerWindow", LoginAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ProductionHostingTests : IClassFixture<ProductionSite>
{
    private readonly ProductionSite _site;

    public ProductionHostingTests(ProductionSite site, ITestOutputHelper output)
    {
        _site = site;
        _site.LogTo(output);
    }

    [Theory]
    [InlineData("/check")]
    [InlineData("/pay")]
    [InlineData("/staff/login")]
    [InlineData("/regions/shanghai")]
    public async Task Form_pages_answer_200_through_the_proxy_with_secure_cookies(string url)
    {
        using var client = _site.ThroughProxy();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        if (url == "/staff/login")
        {
            Assert.Contains(cookies, cookie => cookie.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_error_pages_render_through_the_proxy()
    {
        using var client = _site.ThroughProxy();
        using var failing = _site.ThroughProxy();
        failing.DefaultRequestHeaders.Add(ProductionSiteFactory.FailHeader, "1");

        var error = await Html.GetAsync(failing, "/check", HttpStatusCode.InternalServerError);
        var missing = await Html.GetAsync(client, "/no-such-page", HttpStatusCode.NotFound);

        Assert.Contains("出错了", error.Title, StringComparison.Ordinal);
        Assert.NotNull(missing.QuerySelector("h1"));
    }

    [Fact]
    public async Task Hsts_is_sent_for_the_public_host_the_proxy_names()
    {
        using var client = _site.ThroughProxy(host: "guide.example.org");

        using var response = await client.GetAsync("/");

        // HSTS is never sent for localhost, the test server's own host: the header proves the forwarded host was used.
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_through_the_proxy_is_redirected_to_the_public_https_address()
    {
        using var client = _site.ThroughProxy(host: "guide.example.org");
        client.DefaultRequestHeaders.Remove("X-Forwarded-Proto");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");

        using var response = await client.GetAsync("/check?from=link");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://guide.example.org/check?from=link", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Plain_http_straight_to_the_instance_is_redirected_not_a_500(string method)
    {
        using var client = _site.Direct("203.0.113.9");

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/staff/login"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/staff/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Forwarded_headers_from_a_peer_that_is_not_a_trusted_proxy_are_ignored()
    {
        using var client = _site.Direct("203.0.113.10");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example.org");

        using var response = await client.GetAsync("/check");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/check", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Behind_the_proxy_the_sign_in_limit_counts_each_client_address_apart()
    {
        using var first = _site.ThroughProxy(clientAddress: "198.51.100.31");
        using var second = _site.ThroughProxy(clientAddress: "198.51.100.32");
        for (var i = 0; i < ProductionSite.LoginAttempts; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(first));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostSignInAsync(first));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostSignInAsync(second));
    }

    [Fact]
    public async Task A_client_reaching_the_instance_directly_cannot_choose_its_sign_in_limit_by_sending_x_forwarded_for()
    {
        using var client = _site.Direct("203.0.113.50", scheme: "https");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ProductionSite.LoginAttempts; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add(await PostSignInAsync(client));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(ProductionSite.LoginAttempts));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    [InlineData("/healthz")]
    public async Task Health_probes_answer_over_plain_http_on_the_instance(string url)
    {
        using var client = _site.Direct("10.0.0.2");

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A sign-in attempt without a form token: the limiter counts it before the form is checked.</summary>
    private static async Task<HttpStatusCode> PostSignInAsync(HttpClient client)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "someone@example.org", ["Password"] = "not the password" });
        using var response = await client.PostAsync("/staff/login", content);
        return response.StatusCode;
    }
}
