using FamilyMutualAid.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Validation of the staff forms, applied once: before a handler runs, the rules its form declares
/// (<see cref="StaffPageModel.CheckForm"/>) put each problem beside its field; a form with any problem, its fields'
/// own attributes included, is shown again with 400 and the text as typed, and the handler does not run.
/// </summary>
public sealed class StaffFormFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>
    /// After the record filter (which loads the record the rules look at), the unknown-handler filter and
    /// <see cref="StaffSaveFailureFilter"/> (order 0), so a database failure while showing a refused form keeps its text.
    /// </summary>
    public int Order => 1;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerInstance is StaffPageModel page && !HttpMethods.IsGet(context.HttpContext.Request.Method)
            && !UnknownHandlerFilter.AsksForUnknownHandler(context) && page.CheckForm(context.HandlerMethod?.Name) is { } problems)
        {
            foreach (var problem in problems)
            {
                context.ModelState.AddModelError(problem.Field, problem.Message);
            }
            if (!context.ModelState.IsValid)
            {
                await page.OnFormRefusedAsync(context.HttpContext.RequestAborted);
                context.Result = page.ShowAgain(StatusCodes.Status400BadRequest);
                return;
            }
        }
        await next();
    }
}
