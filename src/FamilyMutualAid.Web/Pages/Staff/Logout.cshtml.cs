using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Sign-out, by POST only (with antiforgery) so a link elsewhere cannot sign staff out.</summary>
public sealed class LogoutModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = User.Identity?.Name ?? "";
        // A new security stamp ends the session on the server too: a copy of the cookie no longer passes the stamp check
        // made on every staff request (and the user's other sessions end with it).
        if (await users.GetUserAsync(User) is { } staff)
        {
            await users.UpdateSecurityStampAsync(staff);
        }
        await signIn.SignOutAsync();
        await audit.WriteAsync(name, AuditActions.SignOut, cancellationToken: cancellationToken);
        return Redirect("/staff/login");
    }
}
