using System.Globalization;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A staff page about one record: says which record the request names, and gets it from <see cref="StaffRecordFilter"/>
/// loaded and authorised before any handler runs, so handlers start from the record instead of checking for it.
/// </summary>
public abstract class StaffPageModel : PageModel
{
    /// <summary>The record the request is about, loaded and authorised by <see cref="StaffRecordFilter"/>.</summary>
    public PolicyRecord Record { get; private set; } = null!;

    /// <summary>The submission the request named the record by, if it did (the review page).</summary>
    protected ReviewRequest? Submission { get; private set; }

    /// <summary>The region the URL names ("all" for records of every region), which may only refuse; null when it names none.</summary>
    public virtual string? UrlRegion => RouteData.Values["slug"] as string;

    /// <summary>The record the request names for the handler about to run; null when it names none (a list).</summary>
    protected internal abstract RecordAddress? RecordNamedBy(string? handler);

    /// <summary>Prepares the page for the record just loaded (or reloaded); or answers instead of the handler.</summary>
    protected virtual Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken) => Task.FromResult<IActionResult?>(null);

    /// <summary>
    /// The rules of the form a handler posts (required fields, lengths, formats, allowed values), declared once per form:
    /// each problem found with the field it is shown beside; null for a handler whose post is not checked here.
    /// <see cref="StaffFormFilter"/> applies them before the handler runs, after the record is loaded.
    /// </summary>
    protected internal virtual IEnumerable<FieldProblem>? CheckForm(string? handler) => null;

    /// <summary>Prepares the page to show a form refused by its rules again (what the page lists beside the form).</summary>
    protected internal virtual Task OnFormRefusedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Shows the page again, with what was typed kept, answering <paramref name="status"/>.</summary>
    protected internal PageResult ShowAgain(int status)
    {
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    /// <summary>Shows the page again answering <paramref name="status"/>, with <paramref name="message"/> beside <paramref name="field"/>.</summary>
    protected PageResult ShowAgain(int status, string field, string message)
    {
        ModelState.AddModelError(field, message);
        return ShowAgain(status);
    }

    /// <summary>
    /// Puts back into the page's bound properties what this user posted here when their sign-in had expired
    /// (<see cref="KeptForms"/>): the names of the fields put back, null when nothing was kept. Nothing is saved: the
    /// page shows it as unsaved text.
    /// </summary>
    protected async Task<IReadOnlyCollection<string>?> RestoreKeptFormAsync()
    {
        if (User.Identity?.Name is not { } user
            || HttpContext.RequestServices.GetRequiredService<KeptForms>().Take(user, Request.Path) is not { } fields)
        {
            return null;
        }
        var form = new FormCollection(new Dictionary<string, StringValues>(fields));
        var values = new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture);
        var services = HttpContext.RequestServices;
        var (metadataProvider, binders, parameters) = (services.GetRequiredService<IModelMetadataProvider>(), services.GetRequiredService<IModelBinderFactory>(), services.GetRequiredService<ParameterBinder>());
        // Each bound property as the framework binds it on a post, from the kept fields instead of the request.
        foreach (var property in GetType().GetProperties().Where(p => p.GetCustomAttributes(typeof(BindPropertyAttribute), inherit: true).Length > 0))
        {
            var metadata = metadataProvider.GetMetadataForProperty(GetType(), property.Name);
            var bindingInfo = BindingInfo.GetBindingInfo(property.GetCustomAttributes(inherit: true), metadata) ?? new BindingInfo();
            // Bound on this GET although [BindProperty] binds on posts only: the fields are the kept post.
            (bindingInfo.BindingSource, bindingInfo.RequestPredicate) = (BindingSource.Form, null);
            var binder = binders.CreateBinder(new ModelBinderFactoryContext { BindingInfo = bindingInfo, Metadata = metadata, CacheToken = property });
            var descriptor = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = property.Name, ParameterType = property.PropertyType, BindingInfo = bindingInfo };
            var result = await parameters.BindModelAsync(PageContext, binder, values, descriptor, metadata, property.GetValue(this), this);
            if (result.IsModelSet)
            {
                property.SetValue(this, result.Model);
            }
        }
        // What was kept is shown as typed; its problems are found again when it is saved.
        ModelState.Clear();
        RestoredKeptForm = true;
        return [.. fields.Keys];
    }

    /// <summary>Whether the page shows text kept from a post made after the sign-in expired (unsaved).</summary>
    public bool RestoredKeptForm { get; private set; }

    /// <summary>What the page says about the text it put back.</summary>
    public const string RestoredMessage = "登录已过期，刚才提交的内容没有保存，但没有丢失：已恢复在下面。请检查后再保存。";

    /// <summary>A route value of the request, "" when absent.</summary>
    protected string RouteValue(string name) => RouteData.Values[name] as string ?? "";

    internal Task<IActionResult?> UseAsync(PolicyRecord record, ReviewRequest? submission, CancellationToken cancellationToken)
    {
        (Record, Submission) = (record, submission);
        return OnRecordLoadedAsync(cancellationToken);
    }

    /// <summary>After a refused write: reads the record again, as it now stands, and prepares the page for it.</summary>
    protected async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var address = Submission is { } review ? RecordAddress.OfReview(review.Id) : RecordAddress.Of(Record.Kind, Record.Key);
        var (record, submission) = await StaffRecordFilter.FindAsync(HttpContext.RequestServices, address, cancellationToken);
        await UseAsync(record ?? Record, submission ?? Submission, cancellationToken);
    }
}

/// <summary>What a form's rule found wrong, and the field it is shown beside.</summary>
public sealed record FieldProblem(string Field, string Message);
