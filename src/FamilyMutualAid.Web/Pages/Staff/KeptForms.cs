using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Primitives;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// What a staff form posted when the sign-in had expired: kept on the server for the user the expired cookie names and
/// the page it was posted to, and offered back (unsaved) when that user opens the page after signing in again, so a
/// long edit is not lost to a login round-trip. Only a request carrying the site's own (expired) staff cookie is kept:
/// a cross-site post carries no SameSite=Strict cookie. Kept in this instance's memory for a few hours, bounded in size.
/// </summary>
public sealed class KeptForms(TimeProvider clock)
{
    /// <summary>How long a kept form waits for its user to sign in again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(12);

    private const int MaxForms = 500;
    private const long MaxFormLength = 1024 * 1024;
    private const string Token = "__RequestVerificationToken";

    private readonly ConcurrentDictionary<(string User, string Path), (DateTimeOffset At, Dictionary<string, StringValues> Fields)> _kept = new();

    /// <summary>
    /// The cookie handler's answer to a request without a valid sign-in: keeps a posted staff form for the user of the
    /// expired cookie, then sends the browser to sign in and come back to the page (not to the handler it posted to).
    /// </summary>
    public static async Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var posted = HttpMethods.IsPost(request.Method) && request.HasFormContentType;
        if (posted && context.HttpContext.RequestServices.GetRequiredService<KeptForms>() is var kept
            && ExpiredUser(context) is { } user && (request.ContentLength ?? 0) <= MaxFormLength)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            kept.Keep(user, request.Path, form.Where(f => f.Key != Token).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        }
        // Back to the page, not to a POST handler, which a GET after the sign-in would answer with 400.
        var back = request.PathBase + request.Path + (posted ? "" : request.QueryString.Value);
        context.Response.Redirect($"{request.Scheme}://{request.Host}{request.PathBase}{context.Options.LoginPath}{QueryString.Create(context.Options.ReturnUrlParameter, back)}");
    }

    /// <summary>The name in the request's staff cookie, genuine (it decrypts) but no longer valid; null without one.</summary>
    private static string? ExpiredUser(RedirectContext<CookieAuthenticationOptions> context)
    {
        var options = context.Options;
        var cookie = options.CookieManager.GetRequestCookie(context.HttpContext, options.Cookie.Name!);
        return cookie is null ? null : options.TicketDataFormat.Unprotect(cookie)?.Principal.Identity?.Name;
    }

    public void Keep(string user, string path, Dictionary<string, StringValues> fields)
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _kept.Where(k => now - k.Value.At > KeptFor).Select(k => k.Key))
        {
            _kept.TryRemove(stale, out _);
        }
        if (_kept.Count < MaxForms)
        {
            _kept[(user, path)] = (now, fields);
        }
    }

    /// <summary>The form kept for this user and page, once (it is forgotten as it is given back); null when none.</summary>
    public IReadOnlyDictionary<string, StringValues>? Take(string user, string path) =>
        _kept.TryRemove((user, path), out var kept) && clock.GetUtcNow() - kept.At <= KeptFor ? kept.Fields : null;
}
