using Microsoft.AspNetCore.Identity;

namespace FamilyMutualAid.Web.Data;

/// <summary>A staff member who may edit, publish or administer policy content.</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>Comma-separated region slugs this user may work on; empty means every region.</summary>
    public string Regions { get; set; } = "";

    public IReadOnlyList<string> RegionList => Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool MayWorkOn(string regionSlug) => RegionList.Count == 0 || RegionList.Contains(regionSlug, StringComparer.Ordinal);
}

/// <summary>The staff roles: editors write drafts, publishers review and publish, admins manage users and roles.</summary>
public static class StaffRoles
{
    public const string Editor = "Editor";
    public const string Publisher = "Publisher";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Editor, Publisher, Admin];
}
