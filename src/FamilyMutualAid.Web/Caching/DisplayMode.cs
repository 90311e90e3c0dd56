namespace FamilyMutualAid.Web.Caching;

/// <summary>
/// 长辈版: the large-text display that the MIIT 适老化 norms ask for, switched by a plain link and remembered by a
/// cookie. It changes only how pages look, so the switch needs no antiforgery token; it only ever redirects back to
/// a page of this site.
/// </summary>
public static class DisplayMode
{
    public const string CookieName = "fma-display";
    public const string Large = "large";
    public const string Standard = "standard";
    public const string SwitchPath = "/display";

    public static bool IsLarge(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies[CookieName] == Large;
    }

    /// <summary>
    /// The switch's link from the current page to the other mode, coming back to this page (the page asked for, on an
    /// error page). On a cached page it keeps only the query values the cache key holds: a copy served to everyone
    /// must not carry one visitor's extra query.
    /// </summary>
    public static string SwitchLink(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var here = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original
            ? original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString
            : (context.Request.PathBase + context.Request.Path + PageQuery(context)).ToString();
        return SwitchPath + QueryString.Create(new Dictionary<string, string?>(StringComparer.Ordinal) { ["mode"] = IsLarge(context) ? Standard : Large, ["return"] = here }).ToUriComponent();
    }

    // Rebuilt from the decoded values (not the request's own spelling), so every request sharing the copy gets the same link.
    private static QueryString PageQuery(HttpContext context) =>
        PublishedPages.Of(context) is not { } page
            ? context.Request.QueryString
            : new QueryString(string.Concat(page.QueryKeys
                .Where(key => context.Request.Query.ContainsKey(key))
                .SelectMany(key => context.Request.Query[key].Select(value => EscapeQueryPart(key) + "=" + EscapeQueryPart(value ?? "")))
                .Select((pair, i) => (i == 0 ? "?" : "&") + pair)));

    private static string EscapeQueryPart(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~,/:@!$'()*;".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Whether <paramref name="url"/> is a path on this site: it starts with one '/', not "//" or "/\" (which browsers
    /// read as another host), and holds no control characters (browsers drop tabs and newlines, turning "/\t/x" into "//x").
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is ['/', ..] &&
        (url.Length == 1 || url[1] is not ('/' or '\\')) &&
        !url.Any(char.IsControl);

    public static IEndpointRouteBuilder MapDisplayMode(this IEndpointRouteBuilder app)
    {
        app.MapGet(SwitchPath, (string? mode, string? @return, HttpContext context) =>
        {
            if (mode == Large)
            {
                context.Response.Cookies.Append(CookieName, Large, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                });
            }
            else
            {
                context.Response.Cookies.Delete(CookieName);
            }
            return Results.Redirect(IsLocalPath(@return) ? EscapeForLocation(@return!) : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Percent-encodes (as UTF-8) every character a Location header cannot carry (non-ASCII, spaces); what is
    /// already escaped stays as it is.
    /// </summary>
    public static string EscapeForLocation(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.All(c => c is > ' ' and < (char)0x7F))
        {
            return url;
        }
        var text = new System.Text.StringBuilder(url.Length * 3);
        var bytes = new byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                text.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                text.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
