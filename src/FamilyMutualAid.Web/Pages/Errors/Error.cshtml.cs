using System.Globalization;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Errors;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    /// <summary>The database is away (503): the page says to try again in a while.</summary>
    public bool DatabaseAway { get; private set; }

    /// <summary>
    /// Answers whatever the failed request was: a POST with ?handler=Save is re-executed here as that POST, and would
    /// otherwise find no handler and answer 400. Asked for directly, there is no error and no such page.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is null)
        {
            context.Result = NotFoundPage.For(this, Request.Path);
            return;
        }
        // The status comes from the exception handler: 503 when the database is away, otherwise 500.
        DatabaseAway = Response.StatusCode == StatusCodes.Status503ServiceUnavailable;
        if (DatabaseAway)
        {
            Response.Headers.RetryAfter = ((int)DatabaseFailure.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        context.Result = Page();
    }
}
