using FamilyMutualAid.Web.Infrastructure;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Hosting;

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

    /// <summary>The switch's link from the current page to the other mode, coming back to this page (the page asked for, on an error page).</summary>
    public static string SwitchLink(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var here = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original
            ? original.OriginalPathBase + original.OriginalPath + original.OriginalQueryString
            : (context.Request.PathBase + context.Request.Path + context.Request.QueryString).ToString();
        return SwitchPath + QueryString.Create(new Dictionary<string, string?>(StringComparer.Ordinal) { ["mode"] = IsLarge(context) ? Standard : Large, ["return"] = here }).ToUriComponent();
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
            return Results.Redirect(IsLocalPath(@return) ? @return! : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
