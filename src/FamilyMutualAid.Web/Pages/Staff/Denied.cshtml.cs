using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Where a refused role sends the browser: the same "no permission" page a refused region gets.</summary>
public sealed class DeniedModel : PageModel
{
    public IActionResult OnGet() => StaffRecordFilter.Denied();
}
