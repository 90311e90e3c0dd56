using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Regions;

public sealed class IndexModel(PolicySnapshotProvider policy) : PageModel
{
    public PolicySnapshot Snapshot { get; private set; } = PolicySnapshot.Empty;

    /// <summary>The region picker on the home page submits here (works without JavaScript).</summary>
    public IActionResult OnGet(string? go)
    {
        Snapshot = policy.Current;
        if (go is not null && Snapshot.FindRegion(go) is { } region)
        {
            return Redirect($"/regions/{Uri.EscapeDataString(region.Slug)}");
        }
        return Page();
    }
}
