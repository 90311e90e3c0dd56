using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>
/// Answers 400 when a request asks for a handler the page does not have: ?handler=nonsense (which Razor Pages would
/// otherwise quietly serve with the unnamed handler), or a POST to a page that only has named POST handlers (which it
/// would render with no handler run, nothing loaded).
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (AsksForUnknownHandler(context))
        {
            context.Result = new BadRequestResult();
            return Task.CompletedTask;
        }
        return next();
    }

    /// <summary>Whether the request asks for a handler the page does not have (answered 400 by this filter).</summary>
    public static bool AsksForUnknownHandler(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var asked = context.RouteData.Values["handler"] as string ?? context.HttpContext.Request.Query["handler"].FirstOrDefault();
        return context.HandlerMethod is null
            ? context.ActionDescriptor.HandlerMethods.Count > 0
            : !string.IsNullOrEmpty(asked) && !string.Equals(asked, context.HandlerMethod.Name, StringComparison.OrdinalIgnoreCase);
    }
}
