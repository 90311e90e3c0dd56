using System.Net;
using FamilyMutualAid.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Deployment;

/// <summary>The Production site on a real Kestrel loopback port, as the proxy reaches it.</summary>
public sealed class KestrelHostingTests : IDisposable
{
    // A site per test: production configuration on a real Kestrel port.
    private readonly ProductionSiteFactory _site = new();

    public KestrelHostingTests(ITestOutputHelper output)
    {
        _site.LogTo(output);
        _site.UseKestrel(0);
        _site.StartServer();
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Kestrel_names_no_server_software_and_believes_the_loopback_proxy()
    {
        using var client = _site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }
}
