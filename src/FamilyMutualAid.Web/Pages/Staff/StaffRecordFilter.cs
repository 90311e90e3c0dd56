using FamilyMutualAid.Web.Hosting;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A record as a staff request names it: by kind and key, or by one of its submissions for review.</summary>
public abstract record RecordAddress
{
    /// <param name="kind">Null when the request names no kind staff work on (then no record is found).</param>
    public static RecordAddress Of(RecordKind? kind, string key) => new ByKey(kind, key);

    public static RecordAddress OfReview(int id) => new ByReview(id);

    public sealed record ByKey(RecordKind? Kind, string Key) : RecordAddress;

    public sealed record ByReview(int Id) : RecordAddress;
}

/// <summary>
/// The one authorisation point of the staff area, for every staff page: loads the record the request names (see
/// <see cref="StaffPageModel.RecordNamedBy"/>), answers 404 when there is none and 403 with the "no permission" page when
/// the signed-in user may not work on the record's region — a record of every region (a source) only for staff
/// without region limits — and hands the record to the page before any handler runs. The region in the URL can only
/// refuse (403 when the user may not work on it, 404 when it is not the record's), never permit.
/// </summary>
public sealed class StaffRecordFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>Before the other page filters (an unknown handler's 400 among them): a refused region is refused whatever handler is asked.</summary>
    public int Order => int.MinValue + 1;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await RefusalAsync(context) is { } refusal)
        {
            context.Result = refusal;
            return;
        }
        await next();
    }

    private static async Task<IActionResult?> RefusalAsync(PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        var page = context.HandlerInstance as StaffPageModel;
        if (page is null)
        {
            // Fail closed: a staff route about a region must say what it works on.
            return context.RouteData.Values.ContainsKey("slug")
                ? throw new InvalidOperationException($"{context.ActionDescriptor.ViewEnginePath} names a region; its model must be a {nameof(StaffPageModel)}.")
                : null;
        }
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var staff = await http.RequestServices.GetRequiredService<UserManager<StaffUser>>().GetUserAsync(http.User);
        if (staff is null || (page.UrlRegion is { } urlRegion && !MayWorkOn(staff, urlRegion)))
        {
            return Denied();
        }
        // A handler the page does not have runs nothing: it is answered 400 (UnknownHandlerFilter), whatever record it names.
        if (UnknownHandlerFilter.AsksForUnknownHandler(context) || page.RecordNamedBy(context.HandlerMethod?.Name) is not { } address)
        {
            return null;
        }
        if (await FindAsync(http.RequestServices, address, http.RequestAborted) is not ({ } record, var review))
        {
            return new NotFoundResult();
        }
        if (!MayWorkOn(staff, StaffRecords.RegionSegment(record)))
        {
            return Denied();
        }
        if (page.UrlRegion is { } region && region != StaffRecords.RegionSegment(record))
        {
            return new NotFoundResult();
        }
        return await page.UseAsync(record, review, http.RequestAborted);
    }

    /// <summary>Whether the user may work on a region, or on the records of every region (<see cref="EditableKind.Everywhere"/>): only without region limits.</summary>
    public static bool MayWorkOn(StaffUser staff, string region)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return region == EditableKind.Everywhere ? staff.RegionList.Count == 0 : staff.MayWorkOn(region);
    }

    /// <summary>The record an address names, with the submission it was named by; nulls when there is none.</summary>
    public static async Task<(PolicyRecord? Record, ReviewRequest? Review)> FindAsync(IServiceProvider services, RecordAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        switch (address)
        {
            case RecordAddress.ByKey(var kind, var key):
                return (kind is null ? null : await services.GetRequiredService<RecordEditor>().FindAsync(kind, key, cancellationToken), null);
            case RecordAddress.ByReview(var id):
                var review = await services.GetRequiredService<ReviewWorkflow>().FindAsync(id, cancellationToken);
                return (review?.Record, review);
            default:
                throw new ArgumentOutOfRangeException(nameof(address));
        }
    }

    /// <summary>The "no permission" page with 403, as this filter and /staff/denied show it.</summary>
    public static ViewResult Denied() => new() { ViewName = "/Pages/Shared/Denied.cshtml", StatusCode = StatusCodes.Status403Forbidden };
}
