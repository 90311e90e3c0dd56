using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages;

/// <summary>Renders the friendly Chinese 404 page from any page handler, echoing (encoded, shortened) what was asked for.</summary>
public static class NotFoundPage
{
    public const int MaxEcho = 60;

    public static IActionResult For(PageModel page, string? requested)
    {
        ArgumentNullException.ThrowIfNull(page);
        var echo = requested is null ? null : requested.Length > MaxEcho ? requested[..MaxEcho] + "…" : requested;
        return new ViewResult
        {
            ViewName = "/Pages/Shared/NotFound.cshtml",
            StatusCode = StatusCodes.Status404NotFound,
            ViewData = new(page.ViewData) { ["Requested"] = echo },
        };
    }
}
