using FamilyMutualAid.Web.Content;

namespace FamilyMutualAid.Web.Data;

/// <summary>Where a version came from.</summary>
public enum VersionOrigin
{
    Import,
    Staff,
}

/// <summary>Where a version stands in review.</summary>
public enum VersionStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>One editable record (a region, a source, a parameter of a region, a page…) and its versions.</summary>
public sealed class PolicyRecord
{
    public int Id { get; set; }

    public required RecordKind Kind { get; set; }

    public required string Key { get; set; }

    /// <summary>The region the record belongs to, for per-region permissions and filters; null for global records.</summary>
    public string? RegionSlug { get; set; }

    /// <summary>Hash of the payload last read from the files, to tell file changes from staff edits.</summary>
    public string? ImportedHash { get; set; }

    /// <summary>Changes on every write so concurrent edits are detected.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<PolicyRecordVersion> Versions { get; set; } = [];

    /// <summary>Every submission of one of its drafts for review.</summary>
    public List<ReviewRequest> Reviews { get; set; } = [];
}

/// <summary>One immutable version of a record's content.</summary>
public sealed class PolicyRecordVersion
{
    public int Id { get; set; }

    public int RecordId { get; set; }

    public PolicyRecord? Record { get; set; }

    public int Number { get; set; }

    public VersionStatus Status { get; set; }

    public VersionOrigin Origin { get; set; }

    public required string Payload { get; set; }

    public required string PayloadHash { get; set; }

    public required string Author { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string? Note { get; set; }

    /// <summary>
    /// For a draft that does not yet read back as a whole record (an incomplete parameter text): the text as the
    /// editor left it. Payload then still holds the last valid content; publishing requires the text to read back.
    /// </summary>
    public string? DraftText { get; set; }
}
