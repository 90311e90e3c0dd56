using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>
/// The site in the Production environment, as it runs behind the reverse proxy. The test server has no network peer,
/// so a request names the address it comes from in <see cref="PeerHeader"/> (when absent, the peer is unknown and,
/// as for a server that cannot tell, treated as the proxy);
/// the site then decides, as it would on Kestrel, whether to believe that peer's X-Forwarded-* headers.
/// </summary>
public class ProductionSiteFactory : SiteFactory
{
    public const string PeerHeader = "X-Test-Peer-Address";

    /// <summary>A page asked for with this header fails, so that the site's error page is shown.</summary>
    public const string FailHeader = "X-Test-Fail";

    protected override string EnvironmentName => "Production";

    protected override string PublicOrigin => "https://guide.example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddressFilter>();
            services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add(new FailingPageFilter()));
        });
    }

    /// <summary>A client of the site through the proxy: https on the public host, from the given client address.</summary>
    public HttpClient ThroughProxy(string clientAddress = "198.51.100.20", string host = "guide.example.org")
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", host);
        return client;
    }

    /// <summary>A client reaching the site directly (not through the proxy) from the given address.</summary>
    public HttpClient Direct(string peerAddress, string scheme = "http")
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri($"{scheme}://localhost"),
        });
        client.DefaultRequestHeaders.Add(PeerHeader, peerAddress);
        return client;
    }

    /// <summary>Throws in the page asked for with <see cref="FailHeader"/> (not in the error page it is re-executed to).</summary>
    private sealed class FailingPageFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Headers.ContainsKey(FailHeader) && context.HttpContext.Request.Path != "/error"
                ? throw new InvalidOperationException("test: this page fails")
                : next();
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
