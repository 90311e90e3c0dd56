using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Tests.Deployment;

/// <summary>
/// The site's public address is configured, not taken from the request: in Production a request naming another host
/// is refused, and absolute addresses (redirects, the 结果单's link and QR code) never name a host a client chose.
/// </summary>
public sealed class PublicHostTests : IDisposable
{
    private const string Answers = "sharer_place=310000&member_place=310000&relationship=spouse&purpose=hospital&sharer_insurance=employee&sharer_status=normal&balance=some&amount=3000&member_insurance=resident&member_status=normal";

    private readonly ProductionSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Theory]
    [InlineData("/staff")]
    [InlineData("/check/print?" + Answers)]
    [InlineData("/")]
    public async Task A_request_naming_another_host_is_refused_and_nothing_points_there(string url)
    {
        using var client = _site.Direct("127.0.0.1", "https");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_host_other_than_the_public_one_is_not_believed_even_from_the_proxy()
    {
        using var client = _site.ThroughProxy(host: "evil.example");

        using var response = await client.GetAsync("/staff");

        Assert.DoesNotContain("evil.example", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_result_sheet_prints_the_configured_public_address()
    {
        using var client = _site.ThroughProxy();

        var sheet = await Html.GetAsync(client, "/check/print?" + Answers);

        Assert.Equal("https://guide.example.org/check/result?" + Answers, sheet.QuerySelector(".receipt-address .address")!.TextContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("guide.example.org")]
    [InlineData("https://guide.example.org/path")]
    public void Production_refuses_to_start_without_a_valid_public_origin(string origin)
    {
        using var site = new OriginSite(origin);

        var error = Assert.Throws<OptionsValidationException>(() => site.CreateClient());

        Assert.Contains("PublicOrigin", error.Message, StringComparison.Ordinal);
    }

    private sealed class OriginSite(string origin) : ProductionSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("FamilyMutualAid:PublicOrigin", origin);
        }
    }
}

/// <summary>A stopping instance drains the requests in flight (Kestrel's graceful shutdown) for the configured time.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public void A_stopping_instance_drains_requests_for_25_seconds_below_systemds_30()
    {
        using var site = new ProductionSiteFactory();
        site.CreateClient().Dispose();

        var host = site.Services.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(25), host.ShutdownTimeout);
        Assert.Contains("TimeoutStopSec=30", File.ReadAllText(Path.Combine(Repository.Root, "deploy", "systemd", "familymutualaid@.service")), StringComparison.Ordinal);
    }
}
