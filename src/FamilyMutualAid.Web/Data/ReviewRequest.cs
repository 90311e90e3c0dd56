namespace FamilyMutualAid.Web.Data;

/// <summary>Where a submission for review stands.</summary>
public enum ReviewState
{
    /// <summary>Waiting for a publisher (待审核); also where a scheduled publish that could not be applied comes back to.</summary>
    Submitted,

    /// <summary>Sent back to the editor with a comment (退回修改).</summary>
    Returned,

    /// <summary>Approved for publishing at <see cref="ReviewRequest.PublishAtUtc"/> (定时发布).</summary>
    Scheduled,

    Published,

    /// <summary>The draft was edited (or retired) after it was submitted: it is a draft again until submitted again.</summary>
    Withdrawn,
}

/// <summary>
/// One submission of a record's draft version for review, and what publishers decided about it. A record has at most
/// one draft, so at most one submission is open (submitted or scheduled) at a time.
/// </summary>
public sealed class ReviewRequest
{
    public int Id { get; set; }

    public int RecordId { get; set; }

    public PolicyRecord? Record { get; set; }

    /// <summary>The draft version submitted; approving publishes exactly this version.</summary>
    public int VersionId { get; set; }

    public PolicyRecordVersion? Version { get; set; }

    public ReviewState State { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    /// <summary>The editor's note to the reviewer.</summary>
    public string? Note { get; set; }

    /// <summary>Who approved, returned or scheduled it last.</summary>
    public string? DecidedBy { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The publisher's comment when returning it (退回修改).</summary>
    public string? Comment { get; set; }

    /// <summary>When a scheduled submission is to be published.</summary>
    public DateTime? PublishAtUtc { get; set; }

    /// <summary>Why a scheduled publish was not applied and the submission came back for review.</summary>
    public string? Problem { get; set; }

    /// <summary>Changes on every write, so two decisions on one submission cannot both be saved (and a scheduled publish is claimed once).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Whether it still waits for something: a publisher's decision or its publishing time.</summary>
    public bool IsOpen => State is ReviewState.Submitted or ReviewState.Scheduled;
}
