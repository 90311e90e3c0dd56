using System.ComponentModel.DataAnnotations;
using FamilyMutualAid.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>A staff account as the admin page lists it.</summary>
public sealed record StaffRow(StaffUser User, IList<string> Roles);

/// <summary>Admins create staff accounts and set their roles and regions; every change is audited.</summary>
public sealed class UsersModel(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, PolicySnapshotProvider policy, AuditLog audit) : StaffPageModel
{
    /// <summary>A list of accounts, and a form for one: no record to load.</summary>
    protected internal override RecordAddress? RecordNamedBy(string? handler) => null;

    [BindProperty]
    [Required(ErrorMessage = "请填写邮箱。")]
    [EmailAddress(ErrorMessage = "请填写有效的邮箱地址。")]
    [Display(Name = "邮箱")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Display(Name = "初始密码（至少 12 个字符）")]
    public string? Password { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>The slugs of the regions ticked, when <see cref="Scope"/> is <see cref="Listed"/>.</summary>
    [BindProperty]
    public List<string> Regions { get; set; } = [];

    /// <summary>
    /// Every region (<see cref="AllRegions"/>) or only those ticked (<see cref="Listed"/>), chosen explicitly: boxes left
    /// unticked never widen an account to every region.
    /// </summary>
    [BindProperty]
    public string? Scope { get; set; }

    public const string AllRegions = "all";
    public const string Listed = "listed";

    /// <summary>Whether the form shows an existing account (loaded with its roles and regions).</summary>
    public bool Existing { get; private set; }

    public FamilyMutualAid.Rules.PolicySnapshot Current => policy.Current;

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The list, and the form: empty for a new account, or (?email=) an account with its current roles and regions.</summary>
    public async Task OnGetAsync(string? email)
    {
        await LoadAsync();
        if (email is not null && await users.FindByEmailAsync(email) is { } user)
        {
            (Email, Roles, Regions, Existing) = (user.Email ?? email, [.. await users.GetRolesAsync(user)], [.. user.RegionList], true);
            Scope = user.RegionList.Count == 0 ? AllRegions : Listed;
        }
    }

    /// <summary>Only regions and roles that exist can be given, and the region limit is chosen explicitly.</summary>
    protected internal override IEnumerable<FieldProblem>? CheckForm(string? handler) =>
        [
            .. NamedRegions().Where(r => policy.Current.FindRegion(r) is null).Select(unknown => new FieldProblem(nameof(Regions), $"没有代码为“{unknown}”的地区。")),
            .. Roles.Where(r => !StaffRoles.All.Contains(r, StringComparer.Ordinal)).Select(unknown => new FieldProblem(nameof(Roles), $"没有“{unknown}”这个角色。")),
            .. (Scope, NamedRegions().Count) switch
            {
                (not (AllRegions or Listed), _) => [new FieldProblem(nameof(Scope), "请选择可处理的地区：全部地区，或只限勾选的地区。")],
                (Listed, 0) => [new FieldProblem(nameof(Regions), "选了“只限勾选的地区”，请至少勾选一个地区。")],
                (AllRegions, > 0) => [new FieldProblem(nameof(Regions), "选了“全部地区”，就不要再勾选地区；只限某些地区时请改选“只限勾选的地区”。")],
                _ => Array.Empty<FieldProblem>(),
            },
        ];

    protected internal override Task OnFormRefusedAsync(CancellationToken cancellationToken) => LoadAsync();

    /// <summary>
    /// Creates the account if new (with the password), then sets its roles and regions to the form's; for an existing
    /// account a typed password is set (or refused with the reason). An admin may not give themself a role they do not
    /// have: a second admin must, so nobody becomes the second person of their own change.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var regions = Scope == AllRegions ? [] : NamedRegions();
        var user = await users.FindByEmailAsync(Email);
        var self = user is not null && user.UserName == User.Identity!.Name;
        if (self && Roles.Except(await users.GetRolesAsync(user!)).ToList() is { Count: > 0 } granted)
        {
            await LoadAsync();
            Existing = true;
            return ShowAgain(StatusCodes.Status400BadRequest, nameof(Roles),
                $"不能给自己授予{string.Join("、", granted.Select(StaffText.RoleShort))}：审核和发布要由两个人完成，请另一位管理员授予。需要紧急回滚时，也请另一位发布人审核。");
        }
        if (user is null)
        {
            user = new StaffUser { UserName = Email, Email = Email, EmailConfirmed = true, Regions = string.Join(",", regions) };
            var created = await users.CreateAsync(user, Password ?? "");
            if (!created.Succeeded)
            {
                await LoadAsync();
                return ShowAgain(StatusCodes.Status400BadRequest, nameof(Password), string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await audit.WriteAsync(User.Identity!.Name!, AuditActions.UserCreated, subject: Email, cancellationToken: cancellationToken);
        }
        else if (!string.IsNullOrEmpty(Password))
        {
            // Set through a reset token, so the password rules apply and the account's other sessions end.
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password);
            if (!reset.Succeeded)
            {
                await LoadAsync();
                Existing = true;
                return ShowAgain(StatusCodes.Status400BadRequest, nameof(Password), "没有修改密码：" + string.Join(" ", reset.Errors.Select(e => e.Description)));
            }
            await audit.WriteAsync(User.Identity!.Name!, AuditActions.PasswordChanged, subject: Email, detail: "set by an admin", cancellationToken: cancellationToken);
        }
        foreach (var role in Roles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var current = await users.GetRolesAsync(user);
        foreach (var role in Roles.Except(current))
        {
            await users.AddToRoleAsync(user, role);
            await audit.WriteAsync(User.Identity!.Name!, AuditActions.RoleGranted, subject: Email, detail: role, cancellationToken: cancellationToken);
        }
        foreach (var role in current.Except(Roles).Where(r => !(r == StaffRoles.Admin && user.UserName == User.Identity!.Name)))
        {
            await users.RemoveFromRoleAsync(user, role);
            await audit.WriteAsync(User.Identity!.Name!, AuditActions.RoleRevoked, subject: Email, detail: role, cancellationToken: cancellationToken);
        }
        var regionText = string.Join(",", regions);
        if (user.Regions != regionText)
        {
            user.Regions = regionText;
            await users.UpdateAsync(user);
            await audit.WriteAsync(User.Identity!.Name!, AuditActions.RegionsChanged, subject: Email, detail: regionText.Length == 0 ? "all" : regionText, cancellationToken: cancellationToken);
        }
        return Redirect($"/staff/users?saved=1&email={Uri.EscapeDataString(Email)}");
    }

    /// <summary>The slugs of the regions ticked, once each.</summary>
    private List<string> NamedRegions() => [.. Regions.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];

    private async Task LoadAsync()
    {
        var rows = new List<StaffRow>();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            rows.Add(new(user, StaffText.InOrder(await users.GetRolesAsync(user))));
        }
        Staff = rows;
        Message = Request.Query.ContainsKey("saved") ? "已保存。" : null;
    }
}
