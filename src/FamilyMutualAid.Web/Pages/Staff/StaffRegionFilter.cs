using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Refuses a staff request about a region the user may not work on with 403 and the "no permission" page, once for
/// every staff page and before the form is bound or a handler reads anything: the region is the route's {slug}
/// (region, record and history pages; "all" for sources), or every region for the sources list.
/// </summary>
public sealed class StaffRegionFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var region = context.RouteData.Values["slug"] as string
            ?? (context.ActionDescriptor is PageActionDescriptor { ViewEnginePath: "/Staff/Sources" } ? EditableKind.Everywhere : null);
        if (region is not null && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<StaffUser>>();
            if (await users.GetUserAsync(context.HttpContext.User) is not { } staff || !staff.MayWorkOn(region))
            {
                context.Result = Denied();
                return;
            }
        }
        await next();
    }

    /// <summary>The "no permission" page with 403, as this filter and /staff/denied show it.</summary>
    public static ViewResult Denied() => new() { ViewName = "/Pages/Shared/Denied.cshtml", StatusCode = StatusCodes.Status403Forbidden };
}
