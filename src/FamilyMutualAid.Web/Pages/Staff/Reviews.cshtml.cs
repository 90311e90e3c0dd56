using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A region's open submissions (待审核, 定时发布), and where an edit page's 提交审核 form posts.</summary>
public sealed class ReviewsModel(UserManager<StaffUser> users, ReviewListQuery lists, ReviewWorkflow workflow, PolicySnapshotProvider policy) : StaffPageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public int VersionId { get; set; }
    [BindProperty] public string? SubmitNote { get; set; }

    public string Region { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public IReadOnlyList<ReviewView> Waiting { get; private set; } = [];
    public IReadOnlyList<ReviewView> Scheduled { get; private set; } = [];

    /// <summary>After a refused submission: the record it was for, so the form can be sent again.</summary>
    public string? EditUrl { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>
    /// A submission names its record in the form (kind and key); the lists, the region the route names (its region
    /// record), or nothing for "all", the sources shared by every region.
    /// </summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler)
    {
        if (handler == "Submit")
        {
            // Only what staff edit is submitted: any other kind names no record.
            return RecordAddress.Of(RecordKind.All.FirstOrDefault(k => k.Code == Kind && k is PageKind or EditableKind), Key ?? "");
        }
        return RouteValue("slug") is var slug && slug == EditableKind.Everywhere ? null : RecordAddress.Of(RecordKind.Region, slug);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(RouteValue("slug"), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        var record = Record;
        EditUrl = StaffRecords.EditUrl(record);
        var result = await workflow.SubmitAsync(record.Kind, record.Key, VersionId, User.Identity!.Name!, string.IsNullOrWhiteSpace(SubmitNote) ? null : SubmitNote.Trim(), cancellationToken);
        if (result.Outcome == ReviewOutcome.Done)
        {
            return Redirect(EditUrl + "?submitted=1");
        }
        Problems = result.Problems;
        await LoadAsync(RouteValue("slug"), cancellationToken);
        return ShowAgain(result.Outcome == ReviewOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    /// <summary>A submission's note has a length limit; a version that does not bind refuses it too.</summary>
    protected internal override IEnumerable<FieldProblem>? CheckForm(string? handler)
    {
        if (SubmitNote?.Length > ReviewWorkflow.MaxTextLength)
        {
            yield return new(nameof(SubmitNote), $"说明最多 {ReviewWorkflow.MaxTextLength} 个字。");
        }
    }

    protected internal override async Task OnFormRefusedAsync(CancellationToken cancellationToken)
    {
        EditUrl = StaffRecords.EditUrl(Record);
        Problems = [ModelState.GetFieldValidationState(nameof(VersionId)) == ModelValidationState.Invalid
            ? "没有找到要提交的草稿版本，请回到编辑页重新提交。" : "请修改下面标出的内容后再提交。"];
        await LoadAsync(RouteValue("slug"), cancellationToken);
    }

    private async Task LoadAsync(string slug, CancellationToken cancellationToken)
    {
        Region = slug;
        RegionName = slug == EditableKind.Everywhere ? "所有地区（来源）" : policy.Current.FindRegion(slug)?.Name ?? slug;
        var staff = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The staff policy lets only signed-in staff here.");
        (Waiting, Scheduled) = await lists.OpenAsync(staff, slug, cancellationToken);
    }
}
