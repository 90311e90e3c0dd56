using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>The stable ids of the steps of a fund-usage explanation.</summary>
/// <remarks>
/// Steps come in this order: venue, payment_order, then the two accounts in the payment order (the shared account
/// preceded by the limits on it: reserve, annual_cap, per_use_limit), then cash. Every step is always present.
/// </remarks>
public static class FundUsageStepIds
{
    /// <summary>Whether allowed_uses lists the venue for shared money. Carries the rule only.</summary>
    public const string Venue = "venue";

    /// <summary>Which account pays first (member_account_first). Carries the rule only.</summary>
    public const string PaymentOrder = "payment_order";

    /// <summary>The relative's own personal account pays: Outstanding, Available (its balance), Paid.</summary>
    public const string MemberAccount = "member_account";

    /// <summary>reserve_amount: Base (the sharer's balance), LimitAmount (the reserve), Available (the balance above it).</summary>
    public const string Reserve = "reserve";

    /// <summary>
    /// annual_cap_share: Base (the sharer's balance), LimitAmount (share × base, rounded to the fen), AlreadyShared,
    /// Available (what is left of the cap this year).
    /// </summary>
    public const string AnnualCap = "annual_cap";

    /// <summary>per_use_limit: LimitAmount and Available (both the limit).</summary>
    public const string PerUseLimit = "per_use_limit";

    /// <summary>The sharer's account pays: Outstanding, Available (the least of the balance and the limits), LimitedBy, Paid.</summary>
    public const string SharedAccount = "shared_account";

    /// <summary>What neither account pays: Outstanding and Paid (equal).</summary>
    public const string Cash = "cash";
}

/// <summary>Why a step came out as it did; with the step id, enough for the site to word it.</summary>
public enum FundUsageReason
{
    /// <summary>venue: allowed_uses lists the venue.</summary>
    Listed,

    /// <summary>venue: allowed_uses does not list the venue (the split is still shown, with a warning).</summary>
    NotListed,

    /// <summary>venue: no allowed_uses is in force for the region on the date.</summary>
    NoRule,

    /// <summary>payment_order: the relative's own account pays first, then the shared account.</summary>
    MemberAccountFirst,

    /// <summary>payment_order: the shared account pays first, then the relative's own account.</summary>
    SharedAccountFirst,

    /// <summary>payment_order: no rule is in force; the calculator assumes the relative's own account pays first.</summary>
    AssumedMemberAccountFirst,

    /// <summary>reserve, annual_cap, per_use_limit: a limit is in force and was applied.</summary>
    LimitApplies,

    /// <summary>reserve, annual_cap, per_use_limit: no such limit is in force for the region on the date.</summary>
    NoLimit,

    /// <summary>member_account, shared_account, cash: the step pays everything still outstanding.</summary>
    PaysAll,

    /// <summary>member_account, shared_account: the account pays what it can; the rest goes on to the next step.</summary>
    PaysPart,

    /// <summary>member_account, shared_account: something is outstanding but nothing is available.</summary>
    NothingAvailable,

    /// <summary>member_account, shared_account, cash: nothing is left to pay when the step comes.</summary>
    NothingOutstanding,
}

/// <summary>
/// One step of the explanation: what it paid or limited, the rule applied (parameter, value, sources, first day,
/// where it is inherited from) and why. Structured facts only; the site words them in Chinese.
/// </summary>
/// <param name="Id">One of <see cref="FundUsageStepIds"/>.</param>
/// <param name="Reason">Why the step came out as it did.</param>
public sealed record FundUsageStep(string Id, FundUsageReason Reason)
{
    /// <summary>member_account, shared_account, cash: the amount this step pays.</summary>
    public decimal? Paid { get; init; }

    /// <summary>member_account, shared_account, cash: the self-pay still unpaid when the step starts.</summary>
    public decimal? Outstanding { get; init; }

    /// <summary>Accounts: the most the account could pay. Limits: what the limit leaves for sharing (never negative).</summary>
    public decimal? Available { get; init; }

    /// <summary>reserve, annual_cap: the amount the rule applies to, the sharer's balance as given.</summary>
    public decimal? Base { get; init; }

    /// <summary>reserve: the amount that must stay; annual_cap: the cap in yuan; per_use_limit: the limit.</summary>
    public decimal? LimitAmount { get; init; }

    /// <summary>annual_cap: what the sharer has already shared this year, deducted from the cap.</summary>
    public decimal? AlreadyShared { get; init; }

    /// <summary>shared_account: the step id of the limit that set Available, or null when the sharer's balance did.</summary>
    public string? LimitedBy { get; init; }

    /// <summary>The policy parameter the step reads, whether or not a value is in force.</summary>
    public string? ParameterKey { get; init; }

    /// <summary>The value applied (a list of codes, a flag, an amount or a share), or null when none is in force.</summary>
    public PolicyValue? RuleValue { get; init; }

    /// <summary>The sources of the value applied.</summary>
    public ImmutableArray<string> SourceIds { get; init; } = [];

    /// <summary>The first day of the value applied.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary><see cref="EffectiveFrom"/> is only the date a source reported the value, not when it came into force.</summary>
    public bool Reported { get; init; }

    /// <summary>The ancestor region whose value applies, when not the case's own.</summary>
    public Region? InheritedFrom { get; init; }

    /// <summary>The value applied rests on a weak or single source.</summary>
    public bool Unconfirmed { get; init; }

    /// <summary>A settled (follow) disagreement about the rule; unsettled ones are warnings.</summary>
    public Disagreement? Disagreement { get; init; }
}

/// <summary>The three figures of a split, as flags, so a warning can say which ones it concerns.</summary>
[Flags]
public enum FundUsageFigures
{
    None = 0,
    MemberAccount = 1,
    SharedAccount = 2,
    Cash = 4,
    All = MemberAccount | SharedAccount | Cash,
}

/// <summary>What a warning is about.</summary>
public enum FundUsageWarningKind
{
    /// <summary>A figure depends on a value that rests on a weak or single source (ParameterKey, SourceIds, StepId).</summary>
    UnconfirmedRule,

    /// <summary>A figure depends on an assumption because no rule is in force (payment order, allowed uses).</summary>
    NoRule,

    /// <summary>The rule in force does not list the venue for shared money; the till may refuse the shared part.</summary>
    UseNotListed,

    /// <summary>Sources disagree on a point a figure depends on and nothing settles it (Disagreement; SourceIds of all claims).</summary>
    OpenDisagreement,

    /// <summary>The region is not in the policy data: no rule could be applied.</summary>
    RegionUnknown,
}

/// <summary>A caution attached to one or more figures of the split.</summary>
/// <param name="Kind">What the warning is about.</param>
/// <param name="Affects">The figures that would differ if the rule were wrong, absent or the other way round.</param>
/// <param name="StepId">The step whose rule the warning concerns, if any.</param>
/// <param name="ParameterKey">The parameter the warning concerns, if any.</param>
/// <param name="SourceIds">The sources of the value, or of every claim of the disagreement.</param>
/// <param name="Disagreement">For <see cref="FundUsageWarningKind.OpenDisagreement"/>: the disagreement.</param>
public sealed record FundUsageWarning(
    FundUsageWarningKind Kind,
    FundUsageFigures Affects,
    string? StepId,
    string? ParameterKey,
    ImmutableArray<string> SourceIds,
    Disagreement? Disagreement);

/// <summary>
/// How one bill is paid: from the relative's own account, from the sharer's account and in cash. The three figures
/// are never negative and always sum exactly to the case's self-pay.
/// </summary>
public sealed record FundUsageResult(
    decimal FromMemberAccount,
    decimal FromSharedAccount,
    decimal Cash,
    ImmutableArray<FundUsageStep> Steps,
    ImmutableArray<FundUsageWarning> Warnings);
