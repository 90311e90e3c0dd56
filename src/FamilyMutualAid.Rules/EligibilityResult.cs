using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>The answer to a case: a failed check means no; otherwise an unknown one means ask locally. Only an explicit exclusion or requirement fails.</summary>
public enum Verdict
{
    Eligible,
    NotEligible,
    NeedsCheck,
}

/// <summary>How one check came out.</summary>
public enum CheckOutcome
{
    Pass,
    Fail,
    Unknown,
}

/// <summary>Why a check came out as it did; with the check id, enough for the site to word the reason.</summary>
public enum CheckReason
{
    /// <summary>region_known: the region is in the policy data.</summary>
    RegionFound,

    /// <summary>region_known: the region is not in the policy data (unknown).</summary>
    RegionUnknown,

    /// <summary>A source allows the case's code (pass).</summary>
    Listed,

    /// <summary>A source explicitly excludes the case's code: for purpose_excluded, the purpose is a listed exclusion (fail).</summary>
    Excluded,

    /// <summary>purpose_excluded: the purpose is not excluded, or no exclusions are recorded (pass).</summary>
    NotExcluded,

    /// <summary>The case meets the requirement: normal status, a balance above zero or above the reserve (pass).</summary>
    RequirementMet,

    /// <summary>The case does not meet the requirement: suspended, no balance, not above the reserve (fail).</summary>
    RequirementNotMet,

    /// <summary>The rule sets no such requirement: the flag is false, or no reserve is recorded (pass).</summary>
    NoRequirement,

    /// <summary>No source in force for the region on the date says anything about the case's point (unknown).</summary>
    NotStated,

    /// <summary>Only a national value that provinces adopt one by one allows (or excludes) it, and no source says the region has (unknown).</summary>
    AdoptionUnconfirmed,

    /// <summary>The rule would decide, but an open disagreement concerns this point (unknown); the disagreement check follows.</summary>
    Disputed,

    /// <summary>disagreement: sources disagree on this point and nothing settles it for the date (unknown).</summary>
    OpenDisagreement,

    /// <summary>location: the family account does not settle another province, but both provinces have opened the 医保钱包 in full (pass).</summary>
    WalletOpen,
}

/// <summary>The stable ids of the checks, in the order the engine makes them.</summary>
public static class CheckIds
{
    public const string RegionKnown = "region_known";
    public const string SharerInsurance = "sharer_insurance";
    public const string SharerStatus = "sharer_status";
    public const string SharerBalance = "sharer_balance";
    public const string SharerReserve = "sharer_reserve";
    public const string MemberInsurance = "member_insurance";
    public const string MemberStatus = "member_status";
    public const string Relationship = "relationship";
    public const string PurposeAllowed = "purpose_allowed";
    public const string PurposeExcluded = "purpose_excluded";
    public const string Location = "location";

    /// <summary>An unresolved (check_locally) disagreement; follows the check of the parameter it concerns.</summary>
    public const string Disagreement = "disagreement";

    public static ImmutableArray<string> InOrder { get; } =
    [
        RegionKnown, SharerInsurance, SharerStatus, SharerBalance, SharerReserve,
        MemberInsurance, MemberStatus, Relationship, PurposeAllowed, PurposeExcluded, Location,
    ];
}

/// <summary>
/// One step of the trace: what was checked, the rule applied (value, sources, effective date, where it is
/// inherited from) and the outcome. Structured facts only; the site words them in Chinese.
/// </summary>
/// <param name="Id">One of <see cref="CheckIds"/>.</param>
/// <param name="Reason">Why the outcome; see <see cref="CheckReason"/>.</param>
/// <param name="RuleValue">The value of the rule applied (a list of codes, a flag or an amount), or null when none is in force.</param>
/// <param name="RuleStartsOn">When no rule is in force yet on the date: the day the first one takes effect, if any.</param>
/// <param name="SourceIds">The sources of the rule applied; for a disagreement, of all its claims.</param>
/// <param name="EffectiveFrom">The first day of the rule applied.</param>
/// <param name="ParameterKey">The policy parameter the check reads.</param>
/// <param name="InheritedFrom">The ancestor region whose rule (or disagreement) applies, when not the case's own.</param>
/// <param name="Unconfirmed">The rule applied rests on a weak or single source (and nothing stronger says the same).</param>
/// <param name="Disagreement">The disagreement this check is about (id disagreement, or reason Disputed), or a settled (follow) one about its rule.</param>
public sealed record EligibilityCheck(
    string Id,
    CheckOutcome Outcome,
    CheckReason Reason,
    PolicyValue? RuleValue,
    DateOnly? RuleStartsOn,
    ImmutableArray<string> SourceIds,
    DateOnly? EffectiveFrom,
    string? ParameterKey,
    Region? InheritedFrom,
    bool Unconfirmed,
    Disagreement? Disagreement)
{
    /// <summary>How sure this check's outcome is.</summary>
    public Certainty Certainty { get; init; }

    /// <summary>The decision on <see cref="Disagreement"/> for the case's date.</summary>
    public DisagreementDecision? Decision { get; init; }

    /// <summary><see cref="EffectiveFrom"/> is the date a source reported the rule, not when it came into force.</summary>
    public bool Reported { get; init; }

    /// <summary>The note of the rule applied (for an adoption no source confirms: what is known about it).</summary>
    public string? RuleNote { get; init; }
}

/// <summary>The verdict on a case, how sure it is (from the checks that decide it) and every check made, in order.</summary>
public sealed record EligibilityResult(Verdict Verdict, string RegionSlug, DateOnly AsOf, ImmutableArray<EligibilityCheck> Checks)
{
    public Certainty Certainty { get; init; }
}
