using System.ComponentModel.DataAnnotations;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Policy;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Staff sign-in: rate-limited per address, locked after repeated failures, audited without the password.</summary>
[EnableRateLimiting(StaffSetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, AuditLog audit, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请填写登录邮箱。")]
    [EmailAddress(ErrorMessage = "请填写有效的邮箱地址。")]
    [StringLength(256)]
    [Display(Name = "邮箱")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写密码。")]
    [StringLength(256)]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(Email, AuditActions.SignIn, cancellationToken: cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
        }
        logger.LogWarning("Staff sign-in failed; locked out: {LockedOut}", result.IsLockedOut);
        await audit.WriteAsync(Email, result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, cancellationToken: cancellationToken);
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员。"
            : "邮箱或密码不正确。");
        Password = "";
        return Page();
    }
}
