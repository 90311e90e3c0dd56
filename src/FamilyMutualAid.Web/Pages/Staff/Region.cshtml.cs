using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>One content record of a region as staff see it: published title and whether a draft waits.</summary>
public sealed record StaffContentRow(ContentKey Key, string Title, bool HasDraft, DateOnly LastVerified);

/// <summary>A region's editable pages, for staff allowed to work on it.</summary>
public sealed class RegionModel(UserManager<StaffUser> users, PolicyDbContext db, PolicySnapshotProvider policy) : PageModel
{
    public Region Region { get; private set; } = null!;

    public IReadOnlyList<StaffContentRow> Rows { get; private set; } = [];

    /// <summary>The region's own parameters: key, label, whether a draft waits.</summary>
    public IReadOnlyList<(string Key, string Label, bool HasDraft)> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (policy.Current.FindRegion(slug) is not { } region)
        {
            return NotFound();
        }
        if (await users.GetUserAsync(User) is not { } staff || !staff.MayWorkOn(slug))
        {
            return Forbid();
        }
        Region = region;
        var records = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == RecordKinds.Content && r.RegionSlug == slug)
            .ToListAsync(cancellationToken);
        Rows = [.. records.Select(r =>
            {
                var page = Payloads.Deserialize<ContentPage>((RecordEditor.Draft(r) ?? RecordEditor.Published(r))!.Payload);
                return new StaffContentRow(new ContentKey(slug, page.Kind, page.Channel), page.Title, RecordEditor.Draft(r) is not null, page.LastVerified);
            })
            .OrderBy(r => r.Key.PageKey, StringComparer.Ordinal)];
        var parameters = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == RecordKinds.Parameter && r.RegionSlug == slug)
            .ToListAsync(cancellationToken);
        Parameters = [.. parameters
            .Select(r => (Key: r.Key[(slug.Length + 1)..], HasDraft: RecordEditor.Draft(r) is not null))
            .Select(p => (p.Key, policy.Current.FindDefinition(p.Key)?.Label ?? p.Key, p.HasDraft))
            .OrderBy(p => p.Key, StringComparer.Ordinal)];
        return Page();
    }
}
