using FamilyMutualAid.Web.Data;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Reads the review lists a staff member sees, limited to the regions they may work on.</summary>
public sealed class ReviewListQuery(PolicyDbContext db, PolicySnapshotProvider policy)
{
    /// <summary>The open submissions (待审核, 定时发布) of the regions <paramref name="staff"/> may work on; <paramref name="region"/> limits them to one.</summary>
    public async Task<(IReadOnlyList<ReviewView> Waiting, IReadOnlyList<ReviewView> Scheduled)> OpenAsync(StaffUser staff, string? region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var open = await db.Reviews.AsNoTracking()
            .Where(r => r.State == ReviewState.Submitted || r.State == ReviewState.Scheduled)
            .Include(r => r.Record).ThenInclude(r => r!.Versions)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var visible = open
            .Where(r => staff.MayWorkOn(StaffRecords.RegionSegment(r.Record!)) && (region is null || StaffRecords.RegionSegment(r.Record!) == region))
            .Select(r => ReviewView.Of(r, r.Record!, policy.Current))
            .ToList();
        return ([.. visible.Where(v => v.Review.State == ReviewState.Submitted).OrderBy(v => v.Review.SubmittedAtUtc)],
                [.. visible.Where(v => v.Review.State == ReviewState.Scheduled).OrderBy(v => v.Review.PublishAtUtc)]);
    }

    /// <summary>The drafts whose newest version <paramref name="staff"/> wrote, each with its latest submission.</summary>
    public async Task<IReadOnlyList<MyDraft>> MyDraftsAsync(StaffUser staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var name = staff.UserName;
        var records = await db.Records.AsNoTracking()
            .Where(r => r.Versions.Any(v => v.Status == VersionStatus.Draft && v.Author == name))
            .Include(r => r.Versions).Include(r => r.Reviews)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. records
            .Select(record => (record, draft: RecordEditor.Draft(record)!))
            .Where(d => d.draft.Author == name)
            .OrderByDescending(d => d.draft.CreatedAtUtc)
            .Select(d =>
            {
                var latest = d.record.Reviews.MaxBy(r => r.Id);
                var view = latest is null ? null : ReviewView.Of(latest, d.record, policy.Current);
                return new MyDraft(StaffRecords.Label(d.record, d.draft.Payload, policy.Current), StaffRecords.Noun(d.record.Kind),
                    StaffRecords.RegionName(d.record, policy.Current), StaffRecords.EditUrl(d.record), d.draft, view);
            })];
    }
}
