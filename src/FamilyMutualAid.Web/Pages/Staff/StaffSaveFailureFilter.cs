using System.Globalization;
using System.Runtime.ExceptionServices;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A staff form whose post fails in the database (disk full, the server away, a write refused) comes back with what
/// was typed and a message saying what did not happen (the sign-in, the publish, the save), instead of an error page that loses the text: 503 with Retry-After
/// when the database is away, 500 otherwise. If the form cannot even be shown (it failed before it was loaded), the
/// database failure goes on to the error page.
/// </summary>
public sealed class StaffSaveFailureFilter : IAsyncPageFilter, IAsyncAlwaysRunResultFilter
{
    /// <summary>Where the layout finds the message (ViewData).</summary>
    public const string MessageKey = "SaveFailure";

    private const string FailureKey = nameof(StaffSaveFailureFilter);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled || HttpMethods.IsGet(context.HttpContext.Request.Method)
            || executed.HandlerInstance is not PageModel page || !DatabaseFailure.IsDatabase(exception))
        {
            return;
        }
        context.HttpContext.RequestServices.GetRequiredService<ILogger<StaffSaveFailureFilter>>()
            .LogError(exception, "A staff post to {Path} failed in the database; the form is shown again with the text", context.HttpContext.Request.Path.Value);
        var unavailable = DatabaseFailure.IsUnavailable(exception);
        page.ViewData[MessageKey] = Message(page, executed.HandlerMethod?.Name, unavailable);
        var response = context.HttpContext.Response;
        response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (unavailable)
        {
            response.Headers.RetryAfter = ((int)DatabaseFailure.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        context.HttpContext.Items[FailureKey] = ExceptionDispatchInfo.Capture(exception);
        executed.ExceptionHandled = true;
        executed.Result = page.Page();
    }

    /// <summary>What the officer was doing, and that it did not happen: a sign-in, a publish or any other save.</summary>
    private static string Message(PageModel page, string? handler, bool unavailable) => (page, handler, unavailable) switch
    {
        (LoginModel, _, true) => "登录没有成功：数据库暂时无法连接，请稍后再试。",
        (LoginModel, _, false) => "登录没有成功：数据库出了问题，请稍后再试；如果一再出现，请联系管理员。",
        (_, "Publish", true) => "发布没有成功：数据库暂时无法连接，这次发布没有生效，公开页面没有变化，草稿还在。请稍后再试。",
        (_, "Publish", false) => "发布没有成功：数据库没有接受这次发布，公开页面没有变化，草稿还在。请稍后再试；如果一再出现，请联系管理员。",
        (_, _, true) => "保存没有成功：数据库暂时无法写入，您的文字还在下面，请稍后再试。",
        _ => "保存没有成功：数据库没有接受这次修改，您的文字还在下面。请稍后再试；如果一再出现，请联系管理员。",
    };

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var done = await next();
        if (done.Exception is not null && !done.ExceptionHandled && context.HttpContext.Items[FailureKey] is ExceptionDispatchInfo failure)
        {
            failure.Throw();
        }
    }
}
