using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Errors;

/// <summary>Where error status codes of pages are re-executed to: the friendly 404, or a short page that keeps the status.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    public int Code { get; private set; }

    // The code is read from the route, not bound: a re-executed POST may carry a form that cannot be read.
    public IActionResult OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 404;
        Code = code is >= 400 and <= 599 ? code : 404;
        if (Code == StatusCodes.Status404NotFound)
        {
            return NotFoundPage.For(this, HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath);
        }
        Response.StatusCode = Code;
        return Page();
    }

    public IActionResult OnPost() => OnGet();
}
