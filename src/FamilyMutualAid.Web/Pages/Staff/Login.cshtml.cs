using System.ComponentModel.DataAnnotations;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// Staff sign-in: rate-limited per address, paused per (account, address) after repeated failures, audited without
/// the password. A known and an unknown e-mail get the same answers in the same time (a password is hashed either way).
/// </summary>
[EnableRateLimiting(StaffSetup.LoginRateLimit)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, FailedAttempts failures, DummyPassword dummy, AuditLog audit, ILogger<LoginModel> logger) : PageModel
{
    public const string WrongMessage = "邮箱或密码不正确。";
    public const string LockedMessage = "登录失败次数过多，已暂时锁定从这个网络地址登录，请稍后再试或联系管理员。";

    [BindProperty]
    [Required(ErrorMessage = "请填写登录邮箱。")]
    [EmailAddress(ErrorMessage = "请填写有效的邮箱地址。")]
    [StringLength(256, ErrorMessage = "邮箱最多 256 个字符。")]
    [Display(Name = "邮箱")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写密码。")]
    [StringLength(StaffPasswordRules.MaximumLength, ErrorMessage = StaffPasswordRules.TooLongMessage)]
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
        var key = FailedAttempts.SignInKey(Email, HttpContext.Connection.RemoteIpAddress?.ToString());
        var locked = failures.IsLocked(key);
        if (!locked && await CheckPasswordAsync() is { } staff)
        {
            failures.Succeed(key);
            await signIn.SignInAsync(staff, isPersistent: false);
            await audit.WriteAsync(Email, AuditActions.SignIn, cancellationToken: cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/staff");
        }
        locked = locked || failures.Fail(key);
        logger.LogWarning("Staff sign-in failed; paused for this account and address: {LockedOut}", locked);
        await audit.WriteAsync(Email, locked ? AuditActions.LockedOut : AuditActions.SignInFailed, cancellationToken: cancellationToken);
        ModelState.AddModelError(string.Empty, locked ? LockedMessage : WrongMessage);
        Password = "";
        return Page();
    }

    /// <summary>The account when the password is right; for an unknown e-mail a dummy hash is checked, so both take as long.</summary>
    private async Task<StaffUser?> CheckPasswordAsync()
    {
        if (await signIn.UserManager.FindByEmailAsync(Email) is not { } staff)
        {
            dummy.Verify(Password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(staff, Password, lockoutOnFailure: false);
        return result.Succeeded ? staff : null;
    }
}
