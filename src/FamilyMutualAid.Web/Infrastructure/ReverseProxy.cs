using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>
/// Running behind a TLS-terminating reverse proxy (deploy/nginx): the client's address, scheme and host come from the
/// proxy's X-Forwarded-* headers, believed only when the connection comes from a trusted proxy
/// (<see cref="FamilyMutualAidOptions.TrustedProxies"/>), so a client reaching Kestrel directly cannot pick them.
/// </summary>
public static class ReverseProxy
{
    /// <summary>Probes (load balancer, systemd, monitoring) call these over plain HTTP on the instance itself.</summary>
    public const string HealthPath = "/healthz";

    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<FamilyMutualAidOptions>>((forwarded, site) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in site.Value.TrustedProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        // Redirect plain HTTP to the public HTTPS port (ASPNETCORE_HTTPS_PORT, else 443) even when Kestrel itself
        // listens on HTTP only, as it does behind the proxy; without a port the middleware would not redirect at all.
        var httpsPort = builder.Configuration.GetValue<int?>("HTTPS_PORT");
        builder.Services.Configure<HttpsRedirectionOptions>(options => options.HttpsPort = httpsPort ?? 443);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // On SIGTERM Kestrel stops accepting and drains the requests in flight for this long (nginx sends new ones elsewhere).
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<FamilyMutualAidOptions>>((host, site) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(site.Value.ShutdownSeconds));
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address, scheme and host.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>Outside Development: HSTS, and plain HTTP redirected to HTTPS (health probes excepted).</summary>
    public static WebApplication UseHttpsOnly(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHsts();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(HealthPath), https => https.UseHttpsRedirection());
        return app;
    }
}
