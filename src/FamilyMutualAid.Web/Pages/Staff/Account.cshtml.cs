using System.ComponentModel.DataAnnotations;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Password change for the signed-in staff member; repeated wrong current passwords pause it (a stolen session cannot guess).</summary>
public sealed class AccountModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, FailedAttempts failures, AuditLog audit) : PageModel
{
    public const string PausedMessage = "当前密码输错次数过多，修改密码已暂停，请稍后再试或联系管理员。";

    [BindProperty]
    [Required(ErrorMessage = "请填写当前密码。")]
    [StringLength(StaffPasswordRules.MaximumLength, ErrorMessage = StaffPasswordRules.TooLongMessage)]
    [DataType(DataType.Password)]
    [Display(Name = "当前密码")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写新密码。")]
    [StringLength(StaffPasswordRules.MaximumLength, MinimumLength = 12, ErrorMessage = "新密码至少 12 个字符（可以是一句话），最多 128 个字符。")]
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
        var key = FailedAttempts.PasswordChangeKey(staff.Id);
        if (failures.IsLocked(key))
        {
            ModelState.AddModelError(nameof(CurrentPassword), PausedMessage);
            return Page();
        }
        var result = await users.ChangePasswordAsync(staff, CurrentPassword, NewPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) && failures.Fail(key))
        {
            await audit.WriteAsync(staff.Email ?? staff.UserName ?? "", AuditActions.LockedOut, cancellationToken: cancellationToken);
            ModelState.AddModelError(nameof(CurrentPassword), PausedMessage);
            return Page();
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Description);
            }
            return Page();
        }
        failures.Succeed(key);
        await signIn.RefreshSignInAsync(staff);
        await audit.WriteAsync(staff.Email ?? staff.UserName ?? "", AuditActions.PasswordChanged, cancellationToken: cancellationToken);
        Changed = true;
        return Page();
    }
}
