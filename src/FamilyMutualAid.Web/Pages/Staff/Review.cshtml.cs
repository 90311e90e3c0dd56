using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// One submission: what changed against what is published, the editor's note, and the publisher's decision:
/// approve (publish now), schedule for a time in 北京时间, return with a comment, or cancel a scheduled publish.
/// </summary>
public sealed class ReviewModel(ReviewWorkflow workflow, PolicySnapshotProvider policy, IAuthorizationService authorization, TimeProvider clock) : StaffPageModel
{
    [BindProperty] public string? Comment { get; set; }

    /// <summary>When to publish, in 北京时间, as a datetime-local field sends it.</summary>
    [BindProperty] public string? PublishAt { get; set; }

    public ReviewView Item { get; private set; } = null!;
    public DiffPaneModel Diff { get; private set; } = null!;

    /// <summary>The diff's lines to show: every change with <see cref="Context"/> unchanged lines around it; null stands for a run left out.</summary>
    public IReadOnlyList<DiffPiece?> ShownLines { get; private set; } = [];

    /// <summary>Unchanged lines shown before and after each change.</summary>
    public const int Context = 2;
    public PolicyRecordVersion? Published { get; private set; }
    public PolicyRecordVersion Submitted { get; private set; } = null!;
    public bool IsPublisher { get; private set; }

    /// <summary>Whether this publisher may approve or schedule it (not their own submission, when that is refused).</summary>
    public bool MayApprove { get; private set; }

    public string? Message { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The record of the submission the route names: /staff/reviews/{slug}/{id}.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) =>
        RecordAddress.OfReview(int.Parse(RouteValue("id"), System.Globalization.CultureInfo.InvariantCulture));

    public IActionResult OnGet()
    {
        Message = Request.Query["done"].ToString() switch
        {
            "approved" => "审核通过，已发布：公开页面和判断已按新内容更新。",
            "scheduled" => $"已安排定时发布：将于 {BeijingTime.Format(Item.Review.PublishAtUtc ?? default)} 发布。",
            "returned" => "已退回修改，编辑会在草稿上看到您的意见。",
            "cancelled" => "已取消定时发布，草稿回到待审核。",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        DecideAsync("approved", () => workflow.ApproveAsync(Item.Review.Id, User.Identity!.Name!, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(CancellationToken cancellationToken) =>
        DecideAsync("scheduled", () => workflow.ScheduleAsync(Item.Review.Id, User.Identity!.Name!, BeijingTime.TryParse(PublishAt, out var at) ? at : default, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) =>
        DecideAsync("returned", () => workflow.ReturnAsync(Item.Review.Id, User.Identity!.Name!, Comment!.Trim(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) =>
        DecideAsync("cancelled", () => workflow.CancelScheduleAsync(Item.Review.Id, User.Identity!.Name!, cancellationToken), cancellationToken);

    /// <summary>Every decision is checked (a field that does not bind refuses it too); scheduling needs a time, returning a comment.</summary>
    protected internal override IEnumerable<FieldProblem>? CheckForm(string? handler) => handler switch
    {
        "Schedule" => CheckPublishAt(),
        "Return" => CheckComment(),
        _ => [],
    };

    private IEnumerable<FieldProblem> CheckPublishAt()
    {
        if (string.IsNullOrWhiteSpace(PublishAt))
        {
            yield return new(nameof(PublishAt), "请填写发布的日期和时间（北京时间）。");
        }
        else if (!BeijingTime.TryParse(PublishAt, out _))
        {
            yield return new(nameof(PublishAt), "请按“2027-01-01 00:00”的格式填写日期和时间（北京时间）。");
        }
    }

    private IEnumerable<FieldProblem> CheckComment()
    {
        if (string.IsNullOrWhiteSpace(Comment))
        {
            yield return new(nameof(Comment), "请写明要修改什么，编辑会在草稿上看到。");
        }
        else if (Comment.Length > ReviewWorkflow.MaxTextLength)
        {
            yield return new(nameof(Comment), $"意见最多 {ReviewWorkflow.MaxTextLength} 个字。");
        }
    }

    /// <summary>A publisher's decision (anyone else is refused when the record is loaded): on success back to this page with what was done.</summary>
    private async Task<IActionResult> DecideAsync(string done, Func<Task<ReviewResult>> decide, CancellationToken cancellationToken)
    {
        var result = await decide();
        if (result.Outcome == ReviewOutcome.Done)
        {
            return Redirect($"{Item.Url}?done={done}");
        }
        await ReloadAsync(cancellationToken);
        (Message, Problems) = (result.Outcome switch
        {
            ReviewOutcome.SelfApproval => "不能审核自己的提交。",
            ReviewOutcome.Invalid => "没有通过：",
            ReviewOutcome.NotFound => "没有找到这份提交。",
            _ => "没有完成：",
        }, result.Problems);
        return ShowAgain(result.Outcome switch
        {
            ReviewOutcome.SelfApproval => StatusCodes.Status403Forbidden,
            ReviewOutcome.Conflict => StatusCodes.Status409Conflict,
            ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        });
    }

    private static List<DiffPiece?> AroundChanges(List<DiffPiece> lines)
    {
        var changed = lines.Select((line, i) => (line, i)).Where(l => l.line.Type != ChangeType.Unchanged).Select(l => l.i).ToList();
        var shown = new List<DiffPiece?>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (changed.Exists(c => Math.Abs(c - i) <= Context))
            {
                shown.Add(lines[i]);
            }
            else if (shown.Count == 0 || shown[^1] is not null)
            {
                shown.Add(null);
            }
        }
        return shown;
    }

    /// <summary>The submission, with its diff against what is published.</summary>
    protected override async Task<IActionResult?> OnRecordLoadedAsync(CancellationToken cancellationToken)
    {
        var (review, record) = (Submission!, Record);
        Item = ReviewView.Of(review, record, policy.Current);
        Published = RecordEditor.Published(record);
        Submitted = record.Versions.Single(v => v.Id == review.VersionId);
        var current = policy.Current;
        Diff = InlineDiffBuilder.Diff(Published is null ? "" : StaffRecords.Text(record.Kind, Published, current), StaffRecords.Text(record.Kind, Submitted, current));
        ShownLines = AroundChanges(Diff.Lines);
        IsPublisher = (await authorization.AuthorizeAsync(User, StaffSetup.PublisherPolicy)).Succeeded;
        if (!IsPublisher && !HttpMethods.IsGet(Request.Method))
        {
            // Every post here is a publisher's decision: refused for anyone else before its form is read.
            return StaffRecordFilter.Denied();
        }
        MayApprove = IsPublisher && !workflow.IsSelfApproval(review, User.Identity!.Name!);
        if (HttpMethods.IsGet(Request.Method) && string.IsNullOrEmpty(PublishAt))
        {
            // Offer the next whole hour, tomorrow, in 北京时间: near enough to be what is usually meant, far enough to check.
            var now = BeijingTime.FromUtc(clock.GetUtcNow().UtcDateTime);
            PublishAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Unspecified).AddHours(1).AddDays(1)
                .ToString(BeijingTime.InputFormat, System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }
}
