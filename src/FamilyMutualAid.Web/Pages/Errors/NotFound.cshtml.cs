using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Errors;

/// <summary>Where unknown URLs are re-executed to; shows the friendly 404.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    public IActionResult OnGet() => NotFoundPage.For(this, HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath);

    public IActionResult OnPost() => OnGet();
}
