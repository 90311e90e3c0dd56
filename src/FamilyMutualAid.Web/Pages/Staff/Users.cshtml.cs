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

    /// <summary>The slugs of the regions ticked (none: every region).</summary>
    [BindProperty]
    public List<string> Regions { get; set; } = [];

    public FamilyMutualAid.Rules.PolicySnapshot Current => policy.Current;

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Only regions and roles that exist can be given.</summary>
    protected internal override IEnumerable<FieldProblem>? CheckForm(string? handler) =>
        [
            .. NamedRegions().Where(r => policy.Current.FindRegion(r) is null).Select(unknown => new FieldProblem(nameof(Regions), $"没有代码为“{unknown}”的地区。")),
            .. Roles.Where(r => !StaffRoles.All.Contains(r, StringComparer.Ordinal)).Select(unknown => new FieldProblem(nameof(Roles), $"没有“{unknown}”这个角色。")),
        ];

    protected internal override Task OnFormRefusedAsync(CancellationToken cancellationToken) => LoadAsync();

    /// <summary>Creates the account if new (with the password), then sets its roles and regions to the form's.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var regions = NamedRegions();
        var user = await users.FindByEmailAsync(Email);
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
        return Redirect("/staff/users?saved=1");
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
