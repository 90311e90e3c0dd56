using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Errors;

/// <summary>Where error status codes of pages are re-executed to: the friendly 404, or a short page that keeps the status.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        if (Code == StatusCodes.Status404NotFound)
        {
            return NotFoundPage.For(this, HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath);
        }
        Response.StatusCode = Code;
        return Page();
    }

    public IActionResult OnPost(int code) => OnGet(code);
}
