namespace FamilyMutualAid.Rules;

/// <summary>What kind of page a source is, strongest first (see shared/source-documents/regional-updates.md).</summary>
public enum SourceTier
{
    /// <summary>The original page of a government or 医保 body, on its own domain.</summary>
    Official,

    /// <summary>A news outlet's own page or e-paper.</summary>
    News,

    /// <summary>A page carrying someone else's item that names its original publisher and date (转载).</summary>
    Repost,

    /// <summary>A city-information portal copying an official guide, with an update date.</summary>
    Portal,

    /// <summary>A repost naming no original publisher or date, only a crawl or update date.</summary>
    Anonymous,

    /// <summary>A consumer Q&amp;A page citing nothing (the documents 000–004).</summary>
    ConsumerPage,
}

/// <summary>How far a source tier lets an answer go: confirmable, "reported by", or unconfirmed.</summary>
public enum SourceStrength
{
    Confirmable,
    ReportedBy,
    Unconfirmed,
}

/// <summary>
/// A document that policy facts rest on. <see cref="Publisher"/> and <see cref="Date"/> are the original publisher
/// and date as the page names them ("据中新网2024年10月29日报道"); <see cref="Date"/> is null when no date is known.
/// </summary>
public sealed record Source(
    string Id,
    string Title,
    string? File,
    string? Publisher,
    DateOnly? Date,
    string? DateNote,
    SourceTier Tier,
    string? Note)
{
    /// <summary>Where we saw it (an address without scheme) when that is not the original publisher's own page.</summary>
    public string? SeenAt { get; init; }

    /// <summary>The region the source speaks about, when it is a local one (null: national or general).</summary>
    public string? Region { get; init; }

    /// <summary>Whether the page we saw is someone else's copy of the original.</summary>
    public bool IsRepost => Tier is SourceTier.Repost or SourceTier.Portal or SourceTier.Anonymous;

    public SourceStrength Strength => StrengthOf(Tier);

    public static SourceStrength StrengthOf(SourceTier tier) => tier switch
    {
        SourceTier.Official or SourceTier.News => SourceStrength.Confirmable,
        SourceTier.Repost or SourceTier.Portal => SourceStrength.ReportedBy,
        _ => SourceStrength.Unconfirmed,
    };
}

/// <summary>How sure an answer is, surest first.</summary>
public enum Certainty
{
    /// <summary>Every deciding rule rests on an official page or a news outlet's own report and is in force there on the date.</summary>
    Confirmed,

    /// <summary>Every deciding rule is reported by reposts or portals naming their original (据报道), none is weaker.</summary>
    Reported,

    /// <summary>A deciding rule rests on consumer pages or anonymous reposts only, or on a local adoption no source confirms.</summary>
    Unconfirmed,

    /// <summary>Sources disagree on a deciding point and nothing settles it.</summary>
    Conflicting,
}
