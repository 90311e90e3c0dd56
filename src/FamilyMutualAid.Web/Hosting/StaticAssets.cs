using Microsoft.AspNetCore.StaticAssets;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>
/// wwwroot as the build fingerprinted and precompressed it (gzip and Brotli): <c>MapStaticAssets</c> answers each file
/// from its manifest, and a page's "~/css/site.css" is written as the fingerprinted address.
/// </summary>
public static class StaticAssets
{
    /// <summary>What a fingerprinted address answers: its content never changes, so any cache may keep it a year.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private const string ReloadAtRuntimeKey = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddStaticAssets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A build (tests, the benchmark, `dotnet run`) keeps the compressed copies under obj/, listed in the build's
        // static web assets manifest, which only Development reads unless asked. A publish has no such manifest: its
        // wwwroot holds the copies, and this does nothing. (Called in Development too: a test host turns Development on
        // after the point where the host reads the manifest for Development.)
        builder.WebHost.UseStaticWebAssets();
        // A build's manifest also turns on "files may be edited while running": a look at each file on every request
        // and no-cache instead of the manifest's caching. With this SDK (10.0.401, runtime 10.0.12) it also took every
        // unchanged file for an edited one and sent its compressed addresses as uncompressed gzip labelled br, which
        // no browser can read. Off: the build output answers as a publish does; after editing wwwroot, rebuild.
        builder.Configuration[ReloadAtRuntimeKey] ??= "false";
        return builder;
    }

    /// <summary>The files' endpoints, answered right after routing: no other middleware has anything to do with a file.</summary>
    public static IEndpointConventionBuilder MapSiteStaticAssets(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = app.MapStaticAssets();
        assets.Add(endpoint =>
        {
            // The manifest says "max-age=31536000, immutable"; "public" lets shared caches (nginx) keep it too.
            if (endpoint.RequestDelegate is not { } send
                || !endpoint.Metadata.OfType<StaticAssetDescriptor>().Any(asset => asset.ResponseHeaders.Any(IsImmutable)))
            {
                return;
            }
            endpoint.RequestDelegate = context =>
            {
                context.Response.OnStarting(MarkPublic, context.Response);
                return send(context);
            };
        });
        return assets.ShortCircuit();
    }

    private static bool IsImmutable(StaticAssetResponseHeader header) =>
        header.Name == "Cache-Control" && header.Value.Contains("immutable", StringComparison.Ordinal);

    private static Task MarkPublic(object state)
    {
        var response = (HttpResponse)state;
        if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified or StatusCodes.Status206PartialContent)
        {
            response.Headers.CacheControl = ImmutableCacheControl;
        }
        return Task.CompletedTask;
    }
}
