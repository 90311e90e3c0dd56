using System.Collections.Frozen;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// What NIST SP 800-63B asks of a chosen password besides its length: not one of the commonly used ones (the list
/// shipped in CommonPasswords.txt, also with digits or symbols added around it), not repetitive or sequential, and
/// the same upper limit at creation and at sign-in.
/// </summary>
public static class StaffPasswordRules
{
    /// <summary>The longest password accepted anywhere (creation, change, sign-in).</summary>
    public const int MaximumLength = 128;

    public const string TooLongMessage = "密码最多 128 个字符。";
    public const string CommonMessage = "这个密码在常用密码名单里（或只是常用密码加上数字、符号），很容易被猜中。请换一个，例如一句只有你知道的话。";
    public const string PredictableMessage = "这个密码由重复或连续的字符组成（如 aaaa、1234、qwerty），很容易被猜中。请换一个，例如一句只有你知道的话。";

    private static readonly string[] KeyboardRows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>Why the password may not be chosen, in Chinese; null when it may.</summary>
    public static string? Problem(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length > MaximumLength)
        {
            return TooLongMessage;
        }
        var lower = password.ToLowerInvariant();
        var core = lower.Trim().Trim(" 0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~".ToCharArray());
        if (Common.Value.Contains(lower) || Common.Value.Contains(core) || Common.Value.Contains(lower.Replace(" ", "", StringComparison.Ordinal)))
        {
            return CommonMessage;
        }
        return IsPredictable(lower) ? PredictableMessage : null;
    }

    /// <summary>Few distinct characters, one unit repeated, or (all but one step) runs such as 1234, abcd, qwerty.</summary>
    private static bool IsPredictable(string lower)
    {
        if (lower.Distinct().Count() < 5)
        {
            return true;
        }
        for (var unit = 1; unit <= lower.Length / 2; unit++)
        {
            if (lower.Length % unit == 0 && string.Concat(Enumerable.Repeat(lower[..unit], lower.Length / unit)) == lower)
            {
                return true;
            }
        }
        var steps = 0;
        for (var i = 1; i < lower.Length; i++)
        {
            if (IsPredictableStep(lower[i - 1], lower[i]))
            {
                steps++;
            }
        }
        return steps >= lower.Length - 2;
    }

    private static bool IsPredictableStep(char from, char to) =>
        from == to || Math.Abs(from - to) == 1 || (from, to) is ('9', '0') or ('0', '9')
        || KeyboardRows.Any(row => row.IndexOf(from, StringComparison.Ordinal) is >= 0 and var at
            && (row.IndexOf(to, StringComparison.Ordinal) is var next && next >= 0 && Math.Abs(next - at) == 1));

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(StaffPasswordRules).Assembly.GetManifestResourceStream("FamilyMutualAid.Web.Pages.Staff.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common password list (Pages/Staff/CommonPasswords.txt) is not embedded in the build");
        using var reader = new StreamReader(stream);
        var words = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's hook for <see cref="StaffPasswordRules"/>: every account creation and password change goes through it.</summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(StaffPasswordRules.Problem(password ?? "") is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordRefused", Description = problem })
            : IdentityResult.Success);
}

/// <summary>Identity's messages in Chinese, for the few that staff can meet.</summary>
public sealed class StaffIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 个字符（可以是一句话）。" };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确。" };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱 {email} 已有账户。" };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"邮箱 {userName} 已有账户。" };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "邮箱地址无效。" };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "登录名只能由字母、数字和 @ . - _ 组成。" };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未能完成，请重试。" };
}
