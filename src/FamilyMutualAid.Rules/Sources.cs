namespace FamilyMutualAid.Rules;

/// <summary>How far a source can be trusted, strongest first.</summary>
public enum SourceConfidence
{
    Official,
    Reported,
    SingleConsumerPage,
}

/// <summary>A document that policy facts rest on; <see cref="Date"/> is null when the documents give it no date.</summary>
public sealed record Source(
    string Id,
    string Title,
    string? File,
    string? Publisher,
    DateOnly? Date,
    string? DateNote,
    SourceConfidence Confidence,
    string? Note);

/// <summary>How sure an answer is, surest first.</summary>
public enum Certainty
{
    /// <summary>Every deciding rule comes from an official or reported official source and is in force there on the date.</summary>
    Confirmed,

    /// <summary>A deciding rule rests on consumer pages only, or on a local adoption no source confirms.</summary>
    Unconfirmed,

    /// <summary>Sources disagree on a deciding point and nothing settles it.</summary>
    Conflicting,
}
