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

/// <summary>A parameter or disagreement of a region as staff see it.</summary>
public sealed record StaffYamlRow(string Key, string Label, string Url, bool HasDraft);

/// <summary>A region's editable pages, for staff allowed to work on it.</summary>
public sealed class RegionModel(UserManager<StaffUser> users, PolicyDbContext db, PolicySnapshotProvider policy) : PageModel
{
    public Region Region { get; private set; } = null!;

    public IReadOnlyList<StaffContentRow> Rows { get; private set; } = [];

    /// <summary>The region's own parameters and disagreements: where to edit each, its name, whether a draft waits.</summary>
    public IReadOnlyList<StaffYamlRow> Parameters { get; private set; } = [];

    /// <inheritdoc cref="Parameters"/>
    public IReadOnlyList<StaffYamlRow> Disagreements { get; private set; } = [];

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
        Parameters = await YamlRowsAsync(PolicyYaml.Parameter, slug, cancellationToken);
        Disagreements = await YamlRowsAsync(PolicyYaml.Disagreement, slug, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<StaffYamlRow>> YamlRowsAsync(PolicyYaml kind, string slug, CancellationToken cancellationToken)
    {
        var records = await db.Records.AsNoTracking().Include(r => r.Versions)
            .Where(r => r.Kind == kind.RecordKind && r.RegionSlug == slug)
            .ToListAsync(cancellationToken);
        return [.. records
            .Select(r => (Key: r.Key[(slug.Length + 1)..], HasDraft: RecordEditor.Draft(r) is not null))
            .Select(r => new StaffYamlRow(r.Key, kind.Label(policy.Current, slug, r.Key), kind.EditUrl(slug, r.Key), r.HasDraft))
            .OrderBy(row => row.Key, StringComparer.Ordinal)];
    }
}
