using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// The review part of an edit page: the draft's open submission (待审核 or 定时发布), else the form that submits it;
/// and the comment of the latest return (退回修改), shown until the draft is submitted again.
/// </summary>
public sealed record ReviewPanel(string Region, RecordKind Kind, string Key, PolicyRecordVersion? Draft, ReviewRequest? Open, ReviewRequest? Returned, bool Withdrawn, bool RequireReview)
{
    public string? OpenUrl => Open is null ? null : $"/staff/reviews/{Region}/{Open.Id}";

    public static ReviewPanel Of(PolicyRecord record, bool requireReview)
    {
        ArgumentNullException.ThrowIfNull(record);
        var draft = RecordEditor.Draft(record);
        var latest = record.Reviews.MaxBy(r => r.Id);
        return new(StaffRecords.RegionSegment(record), record.Kind, record.Key, draft,
            latest is { IsOpen: true } ? latest : null,
            latest is { State: ReviewState.Returned } && draft is not null ? latest : null,
            latest is { State: ReviewState.Withdrawn } && draft is not null,
            requireReview);
    }
}
