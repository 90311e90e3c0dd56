using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Errors;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    /// <summary>500 when the exception handler re-executes here; asked for directly, there is no error and no such page.</summary>
    public IActionResult OnGet()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is null)
        {
            return NotFoundPage.For(this, Request.Path);
        }
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return Page();
    }
}
