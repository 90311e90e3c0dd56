using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Tests.Deployment;

public sealed class TrustedProxiesTests
{
    [Fact]
    public async Task A_configured_proxy_network_replaces_loopback_as_the_trusted_proxy()
    {
        // A site per test: each test configures its own trusted proxy.
        using var site = new ProxySite("10.1.0.0/16");
        using var proxy = site.Direct("10.1.2.3");
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var loopback = site.Direct("127.0.0.1");
        loopback.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var throughProxy = await proxy.GetAsync("/check");
        using var fromLoopback = await loopback.GetAsync("/check");

        Assert.Equal(HttpStatusCode.OK, throughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, fromLoopback.StatusCode);
    }

    [Fact]
    public void A_trusted_proxy_that_is_not_an_address_stops_the_site_naming_the_setting()
    {
        using var site = new ProxySite("proxy.internal");

        var error = Assert.Throws<OptionsValidationException>(() => site.CreateClient());

        Assert.Contains("TrustedProxies: 'proxy.internal'", error.Message, StringComparison.Ordinal);
    }

    private sealed class ProxySite(string trustedProxy) : ProductionSiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("FamilyMutualAid:TrustedProxies:0", trustedProxy);
        }
    }
}
