using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>The staff home: who is signed in, with which roles, for which regions.</summary>
public sealed class IndexModel(UserManager<StaffUser> users, PolicySnapshotProvider policy, ReviewListQuery reviews, IAuthorizationService authorization) : PageModel
{
    public StaffUser Staff { get; private set; } = null!;

    public IList<string> Roles { get; private set; } = [];

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public ReviewLists Reviews { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } staff)
        {
            return Challenge();
        }
        Staff = staff;
        Roles = FamilyMutualAid.Web.Pages.Staff.StaffText.InOrder(await users.GetRolesAsync(staff));
        Regions = [.. policy.Current.Regions.Where(r => staff.MayWorkOn(r.Slug))];
        var publisher = (await authorization.AuthorizeAsync(User, StaffSetup.PublisherPolicy)).Succeeded;
        var (waiting, scheduled) = publisher ? await reviews.OpenAsync(staff, region: null, cancellationToken) : ([], []);
        Reviews = new(waiting, scheduled, await reviews.MyDraftsAsync(staff, cancellationToken), publisher);
        return Page();
    }
}
