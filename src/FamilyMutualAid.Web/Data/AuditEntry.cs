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
    public const string ReviewSubmitted = "review_submitted";
    public const string ReviewApproved = "review_approved";
    public const string ReviewReturned = "review_returned";
    public const string ReviewWithdrawn = "review_withdrawn";
    public const string PublishScheduled = "publish_scheduled";
    public const string ScheduleCancelled = "schedule_cancelled";
    public const string ScheduledPublishFailed = "scheduled_publish_failed";

    private static readonly Dictionary<string, string> ReviewLabels = new()
    {
        [ReviewSubmitted] = "提交审核",
        [ReviewApproved] = "审核通过",
        [ReviewReturned] = "退回修改",
        [ReviewWithdrawn] = "提交后又修改（回到草稿）",
        [PublishScheduled] = "定时发布",
        [ScheduleCancelled] = "取消定时发布",
        [ScheduledPublishFailed] = "定时发布未执行",
    };

    /// <summary>What the audit page calls a review action; other actions as they are written.</summary>
    public static string Label(string action) => ReviewLabels.GetValueOrDefault(action, action);
}
