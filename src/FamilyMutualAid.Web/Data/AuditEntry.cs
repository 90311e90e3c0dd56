namespace FamilyMutualAid.Web.Data;

/// <summary>One line of the append-only audit log: who did what, when, to which region or record.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The staff member's user name (e-mail), or what was typed at a failed sign-in.</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, e.g. sign_in, sign_in_failed, locked_out, sign_out, password_changed, role_granted, edit, publish, rollback, retire, import.</summary>
    public required string Action { get; set; }

    public string? RegionSlug { get; set; }

    public string? Subject { get; set; }

    public string? Detail { get; set; }
}

/// <summary>The audit actions written so far.</summary>
public static class AuditActions
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignOut = "sign_out";
    public const string PasswordChanged = "password_changed";
    public const string UserCreated = "user_created";
    public const string RoleGranted = "role_granted";
    public const string RoleRevoked = "role_revoked";
    public const string RegionsChanged = "regions_changed";
    public const string Edit = "edit";
    public const string Publish = "publish";
    public const string Rollback = "rollback";
    public const string Retire = "retire";
    public const string Import = "import";
}
