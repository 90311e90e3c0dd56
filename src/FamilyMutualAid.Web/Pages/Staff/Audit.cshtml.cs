using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>The audit log for admins, newest first, filterable by region, user and action.</summary>
public sealed class AuditModel(PolicyDbContext db, FamilyMutualAid.Web.Publishing.PolicySnapshotProvider policy) : PageModel
{
    public FamilyMutualAid.Rules.PolicySnapshot Current => policy.Current;

    public const int PageSize = 200;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Region { get; private set; }

    public string? Actor { get; private set; }

    public string? Action { get; private set; }

    public async Task OnGetAsync(string? region, string? actor, string? action, CancellationToken cancellationToken)
    {
        (Region, Actor, Action) = (Clean(region), Clean(actor), Clean(action));
        var query = db.Audit.AsNoTracking();
        if (Region is not null)
        {
            query = query.Where(a => a.RegionSlug == Region);
        }
        if (Actor is not null)
        {
            query = query.Where(a => a.Actor == Actor);
        }
        if (Action is not null)
        {
            query = query.Where(a => a.Action == Action);
        }
        Entries = await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 256)];
}
