using FamilyMutualAid.Web.Publishing;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using FamilyMutualAid.Web.Hosting;

namespace FamilyMutualAid.Web.Caching;

/// <summary>Who may keep a copy of a published page: any cache (nginx, a CDN), or only the reader's own browser.</summary>
public enum PageAudience
{
    /// <summary>The same for everyone who asks for the address: shared caches may serve it.</summary>
    Public,

    /// <summary>Carries what one reader typed (a balance, an amount): their browser may keep it, shared caches must not.</summary>
    Private,
}

/// <summary>
/// A GET page or API answer computed only from the published data, today's date (北京时间), the display mode (长辈版),
/// its path and the query values named here: the server caches it on exactly those inputs (and the encoding it is
/// sent in, see <see cref="ResponseEncoding"/>), and it carries an ETag
/// derived from them, so a repeat costs no rendering and a revalidation (If-None-Match) costs none at all.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public class PublishedPageAttribute(PageAudience audience, params string[] queryKeys) : Attribute
{
    public PublishedPageAttribute(params string[] queryKeys)
        : this(PageAudience.Public, queryKeys)
    {
    }

    public PageAudience Audience { get; } = audience;

    /// <summary>The query values the page reads; any other query value is ignored and shares the same copy.</summary>
    public IReadOnlyList<string> QueryKeys { get; } = queryKeys;
}

/// <summary>The output cache and HTTP caching headers of <see cref="PublishedPageAttribute"/> pages.</summary>
public static class PublishedPages
{
    /// <summary>How long a browser or proxy may use a copy without asking (short: a publish shows within it).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>How long after that a proxy may still answer with its copy while it asks us for a new one.</summary>
    public static readonly TimeSpan StaleWhileRevalidate = TimeSpan.FromMinutes(5);

    // The build is part of every ETag: a deploy that changes the markup must not answer 304 for the old one.
    private static readonly string Build = typeof(PublishedPages).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static PublishedPageAttribute? Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<PublishedPageAttribute>();

    /// <summary>The inputs a published page is computed from, besides its path and query.</summary>
    public static (long Version, string Date, string Display) Inputs(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        return (
            services.GetRequiredService<PolicySnapshotProvider>().Version,
            PolicyText.Today(services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DisplayMode.IsLarge(context) ? DisplayMode.Large : DisplayMode.Standard);
    }

    /// <summary>A strong ETag from the data version and every input of the page, the same on every instance of one build.</summary>
    public static string ETag(HttpContext context, PublishedPageAttribute page)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        var (version, date, display) = Inputs(context);
        // Each encoding is its own representation: a strong ETag differs between the Brotli and the plain bytes.
        var text = new StringBuilder(Build).Append('\n').Append(date).Append('\n').Append(display).Append('\n')
            .Append(ResponseEncoding.Preferred(context.Request.Headers.AcceptEncoding)).Append('\n')
            .Append(context.Request.PathBase.Value).Append(context.Request.Path.Value).Append('\n').Append(QueryText(context, page));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"\"{version.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(hash, 0, 12)}\"";
    }

    /// <summary>
    /// The query values the page reads, in their order, each with its length: "a=b" differs from "a=" and from no a,
    /// and "r=x&amp;r=y" from "r=y&amp;r=x" (the output cache's own VaryByQuery sorts the request's values in place and
    /// takes an empty value for a missing one, which changed what /compare and /pay read).
    /// </summary>
    public static string QueryText(HttpContext context, PublishedPageAttribute page)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        var text = new StringBuilder();
        foreach (var key in page.QueryKeys)
        {
            if (context.Request.Query.TryGetValue(key, out var values))
            {
                text.Append(key).Append('=');
                foreach (var value in values)
                {
                    text.Append(value?.Length ?? 0).Append(':').Append(value).Append(';');
                }
            }
            text.Append('&');
        }
        return text.ToString();
    }

    public static string CacheControl(PageAudience audience) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(audience == PageAudience.Public ? "public" : "private")}, max-age={MaxAge.TotalSeconds:0}, stale-while-revalidate={StaleWhileRevalidate.TotalSeconds:0}");

    /// <summary>
    /// ETag, Cache-Control and Vary on the 200 answers of published pages, and 304 for an If-None-Match that still
    /// holds, before anything is looked up or rendered. Runs after routing (it reads the endpoint).
    /// </summary>
    public static IApplicationBuilder UsePublishedPageHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) || Of(context) is not { } page)
            {
                await next(context);
                return;
            }
            ResponseEncoding.Normalize(context.Request);
            var etag = ETag(context, page);
            var headers = context.Response.Headers;
            if (Matches(context.Request.Headers.IfNoneMatch, etag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                SetCaching(headers, page, etag);
                return;
            }
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    SetCaching(headers, page, etag);
                }
                else
                {
                    headers.ETag = StringValues.Empty;
                    headers.CacheControl = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next(context);
        });

    private static void SetCaching(IHeaderDictionary headers, PublishedPageAttribute page, string etag)
    {
        headers.ETag = etag;
        headers.CacheControl = CacheControl(page.Audience);
        // The display mode comes from a cookie and the encoding from Accept-Encoding: a shared cache keeps one copy per pair.
        headers.Vary = "Accept-Encoding, Cookie";
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            foreach (var candidate in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag)
                {
                    return true;
                }
            }
        }
        return false;
    }
}

/// <summary>
/// The output-cache policy of every <see cref="PublishedPageAttribute"/> page: keyed on the data version, the date, the
/// display mode, the path and only the query values the page reads; tagged so that installing new data evicts it.
/// Off with <see cref="FamilyMutualAidOptions.CacheRenderedPages"/> = false (the benchmark's fresh renders).
/// </summary>
public sealed class PublishedPagePolicy(IOptions<FamilyMutualAidOptions> options) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!options.Value.CacheRenderedPages || PublishedPages.Of(context.HttpContext) is not { } page
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Headers.Authorization.Count > 0)
        {
            return ValueTask.CompletedTask;
        }
        var (version, date, display) = PublishedPages.Inputs(context.HttpContext);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByValues["query"] = PublishedPages.QueryText(context.HttpContext, page);
        context.CacheVaryByRules.VaryByValues["version"] = version.ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["date"] = date;
        context.CacheVaryByRules.VaryByValues["display"] = display;
        context.CacheVaryByRules.VaryByValues["encoding"] = ResponseEncoding.Preferred(request.Headers.AcceptEncoding);
        context.Tags.Add(PolicySnapshotProvider.CacheTag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        // Only the page itself: never a redirect, an error or an answer that sets a cookie.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
