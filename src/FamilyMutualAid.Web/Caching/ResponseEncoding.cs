using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;

namespace FamilyMutualAid.Web.Caching;

/// <summary>
/// Brotli where the client accepts it, gzip otherwise, for published pages and the API only: those carry no secret (a
/// published page is the same copy for everyone who asks), so their compressed length cannot give away a form token
/// or a staff page (BREACH); forms and the staff area go out as they are. The output cache runs outside the
/// compression, so it keeps the compressed bytes, one copy per encoding, and a repeat compresses nothing.
/// </summary>
public static class ResponseEncoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>The one encoding a published page is sent in for this Accept-Encoding: br, else gzip, else identity.</summary>
    public static string Preferred(StringValues acceptEncoding)
    {
        bool brotli = false, gzip = false;
        foreach (var header in acceptEncoding)
        {
            foreach (var item in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = item.Split(';', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && IsZeroQuality(parts[1]))
                {
                    continue;
                }
                brotli |= parts[0] is Brotli or "*";
                gzip |= parts[0].Equals(Gzip, StringComparison.OrdinalIgnoreCase) || parts[0] == "*";
            }
        }
        return brotli ? Brotli : gzip ? Gzip : Identity;
    }

    /// <summary>
    /// Puts the chosen encoding in the request's Accept-Encoding, so that the output cache's key, the ETag and the
    /// compression that follows all see the same one choice. Returns it.
    /// </summary>
    public static string Normalize(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var encoding = Preferred(request.Headers.AcceptEncoding);
        request.Headers.AcceptEncoding = encoding;
        return encoding;
    }

    public static IServiceCollection AddResponseEncoding(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Behind the TLS proxy every request is https; see the class summary for why that is safe here.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json"];
        });
        // Fastest: a fresh render pays for it once, and the cached copy is what every repeat sends.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses published pages and API answers (runs after routing, inside the output cache).</summary>
    public static IApplicationBuilder UseResponseEncoding(this IApplicationBuilder app) =>
        app.UseWhen(IsCompressed, branch => branch.UseResponseCompression());

    private static bool IsCompressed(HttpContext context) =>
        PublishedPages.Of(context) is not null || context.Request.Path.StartsWithSegments("/api");

    private static bool IsZeroQuality(string parameter)
    {
        var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
        return pair.Length == 2 && pair[0].Equals("q", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(pair[1], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q)
            && q == 0;
    }
}
