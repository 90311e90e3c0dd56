using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A staff page editing one versioned record (loaded and authorised by <see cref="StaffRecordFilter"/>): shows its
/// versions and review, and keeps the version token the editor started from, so a save from an old base is refused.
/// </summary>
public abstract class StaffRecordPageModel(IAuthorizationService authorization, RecordEditor editor) : StaffPageModel
{
    [BindProperty] public string? Note { get; set; }

    protected RecordEditor Editor { get; } = editor;

    /// <summary>The record's concurrency stamp when the editor opened it: set on GET, posted back with the form.</summary>
    [BindProperty] public Guid BaseStamp { get; set; }

    /// <summary>
    /// Posted only by the explicit 替换 button shown after a refused save: the stamp of the version the editor saw and
    /// chose to replace. A plain save after a conflict still starts from <see cref="BaseStamp"/>, so it is refused again.
    /// </summary>
    [BindProperty] public Guid? ReplaceStamp { get; set; }

    /// <summary>After a refused save: the stamp of the version shown as theirs, which the 替换 button posts.</summary>
    public Guid? ReplaceOffer { get; private set; }

    /// <summary>The stamp a save starts from: the version explicitly replaced, or the one the editor opened.</summary>
    protected Guid SaveStamp => ReplaceStamp ?? BaseStamp;

    public PolicyRecordVersion? Published { get; private set; }
    public PolicyRecordVersion? Draft { get; private set; }
    public IReadOnlyList<PolicyRecordVersion> Versions { get; private set; } = [];

    /// <summary>The version the editor starts from (see <see cref="RecordEditor.Latest"/>).</summary>
    public PolicyRecordVersion Latest { get; private set; } = null!;

    /// <summary>The record's concurrency stamp as last loaded.</summary>
    public Guid CurrentStamp { get; private set; }

    /// <summary>Whether this user may publish the draft directly: a publisher, when publishing does not go through review.</summary>
    public bool CanPublish { get; private set; }

    /// <summary>Whether this user is a publisher (reviews, retires; publishes directly only without review).</summary>
    public bool IsPublisher { get; private set; }

    /// <summary>The draft's review: where it stands, the comment it came back with, and the form that submits it.</summary>
    public ReviewPanel Review { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; protected set; } = [];
    public string? Message { get; protected set; }

    /// <summary>The status message after a redirect from a save or a publish.</summary>
    protected string? RedirectMessage(string published) =>
        Request.Query.ContainsKey("saved") ? "草稿已保存。" : Request.Query.ContainsKey("published") ? published
        : Request.Query.ContainsKey("submitted") ? "已提交审核，发布人员审核通过后发布。"
        // The form can be long: say at the top that it came back, and why.
        : Review.Returned is { } returned ? $"发布人员退回修改：{returned.Comment}（详见下方“审核”）" : null;

    /// <summary>Shows the record's versions, review and what this user may do with it.</summary>
    protected override async Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken)
    {
        (Published, Draft, CurrentStamp) = (RecordEditor.Published(Record), RecordEditor.Draft(Record), Record.ConcurrencyStamp);
        Latest = RecordEditor.Latest(Record);
        Versions = [.. Record.Versions.OrderByDescending(v => v.Number)];
        if (HttpMethods.IsGet(Request.Method))
        {
            BaseStamp = CurrentStamp;
        }
        IsPublisher = (await authorization.AuthorizeAsync(User, StaffSetup.PublisherPolicy)).Succeeded;
        // Resolved here rather than in every page's constructor: whether publishing goes through review is one setting.
        var requireReview = HttpContext.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.RequireReview;
        CanPublish = IsPublisher && !requireReview;
        Review = ReviewPanel.Of(Record, requireReview);
        return null;
    }

    /// <summary>Whether this user may retire the loaded record: a publisher, a published record, not one of the base region.</summary>
    public bool CanRetire => IsPublisher && Published is not null && !Editor.IsBaseRegion(Record.RegionSlug);

    /// <summary>Ticked to confirm a retire, so one click cannot take a record out of the published data.</summary>
    [BindProperty] public bool ConfirmRetire { get; set; }

    /// <summary>Takes the loaded record out of the published data and shows its history; or says why not.</summary>
    protected async Task<IActionResult> RetireAsync(string historyUrl, CancellationToken cancellationToken)
    {
        if (!IsPublisher)
        {
            return Forbid();
        }
        if (!ConfirmRetire)
        {
            return ShowAgain(StatusCodes.Status400BadRequest, nameof(ConfirmRetire), "请先勾选确认。");
        }
        var result = await Editor.RetireAsync(Record.Kind, Record.Key, BaseStamp, User.Identity!.Name!, cancellationToken);
        if (result.Outcome == EditOutcome.Done)
        {
            return Redirect(historyUrl + "?retired=1");
        }
        Problems = result.Problems;
        Message = result.Outcome switch
        {
            EditOutcome.Conflict => "不能停用：在您打开之后有人修改了它，请查看最新版本后再决定。",
            EditOutcome.NotFound => "不能停用：它没有已发布的版本。",
            _ => "不能停用：停用后下列内容会出错。",
        };
        return ShowAgain(result.Outcome == EditOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// After a refused save: the editor's text stays in the form beside theirs. Saving again as before is refused again
    /// (the form keeps the version the editor opened); only the explicit 替换 button, naming the version shown, saves over it.
    /// </summary>
    protected PageResult KeepTextAfterConflict(string author)
    {
        ReplaceOffer = CurrentStamp;
        Message = $"保存被拒绝：{author}在您打开之后保存了新的版本（见下方“对方保存的版本”）。您的文字仍在编辑框里，没有保存。请对照对方的版本把要保留的内容合并到您的文字里，再点“用我的文字替换对方的版本”；直接点保存仍会被拒绝。";
        return ShowAgain(StatusCodes.Status409Conflict);
    }
}
