namespace FamilyMutualAid.Rules;

/// <summary>How far a source can be trusted, strongest first.</summary>
public enum SourceConfidence
{
    Official,
    Reported,
    SingleConsumerPage,
}

/// <summary>A document that policy facts rest on.</summary>
public sealed record Source(
    string Id,
    string Title,
    string? File,
    string? Publisher,
    DateOnly Date,
    string? DateNote,
    SourceConfidence Confidence,
    string? Note);
