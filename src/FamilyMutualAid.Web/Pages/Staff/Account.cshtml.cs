using System.ComponentModel.DataAnnotations;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Password change for the signed-in staff member.</summary>
public sealed class AccountModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请填写当前密码。")]
    [DataType(DataType.Password)]
    [Display(Name = "当前密码")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写新密码。")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "新密码至少 12 个字符（可以是一句话），最多 128 个字符。")]
    [DataType(DataType.Password)]
    [Display(Name = "新密码（至少 12 个字符）")]
    public string NewPassword { get; set; } = "";

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.GetUserAsync(User) is not { } staff)
        {
            return Challenge();
        }
        var result = await users.ChangePasswordAsync(staff, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Code == "PasswordMismatch" ? "当前密码不正确。" : error.Description);
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(staff);
        await audit.WriteAsync(staff.Email ?? staff.UserName ?? "", AuditActions.PasswordChanged, cancellationToken: cancellationToken);
        Changed = true;
        return Page();
    }
}
