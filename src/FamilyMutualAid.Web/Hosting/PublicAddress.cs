using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>
/// The site's own address (<see cref="FamilyMutualAidOptions.PublicOrigin"/>): absolute addresses (the 结果单's link
/// and QR code) are built from it, never from the request's Host header, and outside Development the site answers
/// only requests naming that host (or a loopback name: health probes, the proxy's checks).
/// </summary>
public static class PublicAddress
{
    /// <summary>The origin used in Development when none is configured (launchSettings.json's address).</summary>
    public const string DevelopmentOrigin = "http://localhost:5080";

    public static WebApplicationBuilder AddPublicAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton<IValidateOptions<FamilyMutualAidOptions>>(new PublicOriginValid());
        if (!development)
        {
            builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<FamilyMutualAidOptions>>((hosts, site) =>
            {
                // An explicit AllowedHosts wins; the default "*" becomes the public host.
                if (hosts.AllowedHosts is [] or ["*"])
                {
                    hosts.AllowedHosts = AllowedHosts(site.Value);
                }
            });
            builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<FamilyMutualAidOptions>>((forwarded, site) =>
                forwarded.AllowedHosts = AllowedHosts(site.Value));
        }
        return builder;
    }

    /// <summary>The configured origin, e.g. https://guide.example.org (Development: <see cref="DevelopmentOrigin"/>).</summary>
    public static Uri Origin(FamilyMutualAidOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Uri(string.IsNullOrWhiteSpace(options.PublicOrigin) ? DevelopmentOrigin : options.PublicOrigin);
    }

    /// <summary>An absolute address on the public origin for a local path such as "/check/result?…".</summary>
    public static string Absolute(FamilyMutualAidOptions options, string localPath) =>
        Origin(options).GetLeftPart(UriPartial.Authority) + localPath;

    private static List<string> AllowedHosts(FamilyMutualAidOptions options) =>
        [Origin(options).IdnHost, "localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Stops a site that serves requests outside Development without a configured origin. Only the serving site needs
    /// it: the command-line verbs (import, export, create-admin) build no address.
    /// </summary>
    public static void RequireConfiguredOrigin(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<FamilyMutualAidOptions>>().Value.PublicOrigin))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FamilyMutualAidOptions),
                ["FamilyMutualAid:PublicOrigin is required outside Development: the site's public address, e.g. https://guide.example.org"]);
        }
    }

    /// <summary>A configured origin must be an http(s) origin without a path.</summary>
    private sealed class PublicOriginValid : IValidateOptions<FamilyMutualAidOptions>
    {
        public ValidateOptionsResult Validate(string? name, FamilyMutualAidOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.PublicOrigin))
            {
                return ValidateOptionsResult.Success;
            }
            return Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out var origin)
                && origin.Scheme is "https" or "http" && origin.AbsolutePath == "/" && origin.Query.Length == 0 && origin.Fragment.Length == 0
                && string.IsNullOrEmpty(origin.UserInfo)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"FamilyMutualAid:PublicOrigin: '{options.PublicOrigin}' is not an origin such as https://guide.example.org (scheme and host, no path)");
        }
    }
}
