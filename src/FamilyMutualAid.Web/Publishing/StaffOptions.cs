using System.ComponentModel.DataAnnotations;

namespace FamilyMutualAid.Web.Publishing;

/// <summary>Security and review settings of the staff area, validated at start-up.</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>PBKDF2 iterations for password hashes (HMAC-SHA512); OWASP asks for at least 210,000.</summary>
    [Range(210_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 210_000;

    [Range(12, 128)]
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Failed sign-ins from one client address before that address may not sign in to that account (also: wrong current passwords before a password change pauses).</summary>
    [Range(3, 20)]
    public int LockoutFailures { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts allowed per client address in each window before 429.</summary>
    [Range(1, 1000)]
    public int LoginAttemptsPerWindow { get; set; } = 10;

    [Range(1, 3600)]
    public int LoginWindowSeconds { get; set; } = 60;

    /// <summary>Whether publishing goes through review: editors and publishers submit drafts, and another publisher approves (publishes now) or schedules them.</summary>
    public bool RequireReview { get; set; } = true;

    /// <summary>Whether a publisher is refused approving or scheduling a submission they made themselves.</summary>
    public bool ForbidSelfApproval { get; set; } = true;

    /// <summary>How often each instance looks for scheduled publishes that are due.</summary>
    [Range(1, 3600)]
    public int ScheduledPublishCheckSeconds { get; set; } = 30;
}
