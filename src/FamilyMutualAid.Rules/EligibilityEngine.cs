using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>
/// Evaluates a case against the policy data in force for its region on its date, with inheritance. Every rule is a
/// parameter value in the snapshot; the engine only knows how to compare a case with one. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// A check passes, fails, or is unknown when no rule is in force and the case depends on one, when only an
/// unconfirmed value decides it (the parent region's rule, or none, would answer differently), or when an
/// unsettled disagreement concerns it. The seeds date a rule from the first source that reports it, which is not
/// always when it began, so a date before any rule gives unknown (needs_check), not a failure; the check says when
/// the first rule takes effect.
/// </remarks>
public static class EligibilityEngine
{
    /// <summary>The policy parameters the engine reads.</summary>
    public static class Keys
    {
        public const string SharerInsurance = "sharer_insurance";
        public const string SharerNormalStatusRequired = "sharer_normal_status_required";
        public const string SharerPositiveBalanceRequired = "sharer_positive_balance_required";
        public const string ReserveAmount = "reserve_amount";
        public const string MemberInsurance = "member_insurance";
        public const string MemberNormalStatusRequired = "member_normal_status_required";
        public const string Relatives = "relatives";
        public const string AllowedUses = "allowed_uses";
        public const string ExcludedUses = "excluded_uses";
        public const string SharingScope = "sharing_scope";
    }

    private static readonly EligibilityCheck RegionFound =
        new(CheckIds.RegionKnown, CheckOutcome.Pass, CheckReason.RegionFound, null, null, [], null, null, null, false, null);

    private static readonly EligibilityCheck RegionUnknown =
        new(CheckIds.RegionKnown, CheckOutcome.Unknown, CheckReason.RegionUnknown, null, null, [], null, null, null, false, null);

    // Unconfirmed values fall back to the parent's; a bound keeps corrupt data (a cycle) from recursing forever.
    private const int MaxFallbackDepth = 16;

    public static EligibilityResult Evaluate(PolicySnapshot snapshot, EligibilityCase c)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(c);
        var (sharer, member) = (c.Sharer, c.Member);
        var checks = ImmutableArray.CreateBuilder<EligibilityCheck>(CheckIds.InOrder.Length);
        checks.Add(snapshot.FindRegion(c.RegionSlug) is null ? RegionUnknown : RegionFound);
        Add(snapshot, c, checks, new(CheckIds.SharerInsurance, Keys.SharerInsurance, RuleKind.Listed, VocabularyCodes.Of(sharer.Insurance)));
        Add(snapshot, c, checks, new(CheckIds.SharerStatus, Keys.SharerNormalStatusRequired, RuleKind.Requirement, Met: sharer.Status == InsuranceStatus.Normal));
        Add(snapshot, c, checks, new(CheckIds.SharerBalance, Keys.SharerPositiveBalanceRequired, RuleKind.Requirement, Met: sharer.Balance > 0));
        Add(snapshot, c, checks, new(CheckIds.SharerReserve, Keys.ReserveAmount, RuleKind.AboveReserve, Amount: sharer.Balance));
        Add(snapshot, c, checks, new(CheckIds.MemberInsurance, Keys.MemberInsurance, RuleKind.Listed, VocabularyCodes.Of(member.Insurance)));
        Add(snapshot, c, checks, new(CheckIds.MemberStatus, Keys.MemberNormalStatusRequired, RuleKind.Requirement, Met: member.Status == InsuranceStatus.Normal));
        Add(snapshot, c, checks, new(CheckIds.Relationship, Keys.Relatives, RuleKind.Listed, VocabularyCodes.Of(member.Relationship)));
        Add(snapshot, c, checks, new(CheckIds.PurposeAllowed, Keys.AllowedUses, RuleKind.Listed, VocabularyCodes.Of(c.Purpose)));
        Add(snapshot, c, checks, new(CheckIds.PurposeExcluded, Keys.ExcludedUses, RuleKind.NotExcluded, VocabularyCodes.Of(c.Purpose)));
        Add(snapshot, c, checks, new(CheckIds.Location, Keys.SharingScope, RuleKind.Listed, VocabularyCodes.Of(member.Location)));
        return new(VerdictOf(checks), c.RegionSlug, c.AsOf, checks.DrainToImmutable());
    }

    private static Verdict VerdictOf(ImmutableArray<EligibilityCheck>.Builder checks)
    {
        var verdict = Verdict.Eligible;
        foreach (var check in checks)
        {
            if (check.Outcome == CheckOutcome.Fail)
            {
                return Verdict.NotEligible;
            }
            if (check.Outcome == CheckOutcome.Unknown)
            {
                verdict = Verdict.NeedsCheck;
            }
        }
        return verdict;
    }

    /// <summary>How a rule's value is compared with the case.</summary>
    private enum RuleKind
    {
        /// <summary>A list of what is allowed: the case's code must be in it; no list, no answer.</summary>
        Listed,

        /// <summary>A list of what is excluded: the case's code must not be in it; no list excludes nothing.</summary>
        NotExcluded,

        /// <summary>A flag that requires something of the case; without the flag, only a case that meets it is sure to pass.</summary>
        Requirement,

        /// <summary>An amount the balance must exceed; no amount, no reserve.</summary>
        AboveReserve,
    }

    private readonly record struct Rule(string Id, string Key, RuleKind Kind, string? Code = null, bool Met = false, decimal Amount = 0);

    private static void Add(PolicySnapshot snapshot, EligibilityCase c, ImmutableArray<EligibilityCheck>.Builder checks, in Rule rule)
    {
        var effective = snapshot.Resolve(c.RegionSlug, rule.Key, c.AsOf);
        var (outcome, reason) = Judge(rule, effective?.Value.Value);
        if (effective is { Value.Unconfirmed: true } && outcome != OutcomeWithout(snapshot, effective, rule, c.AsOf, 0))
        {
            (outcome, reason) = (CheckOutcome.Unknown, CheckReason.UnconfirmedRule);
        }

        var disagreements = snapshot.DisagreementsAbout(c.RegionSlug, rule.Key);
        Disagreement? settled = null;
        var open = false;
        foreach (var disagreement in disagreements)
        {
            if (disagreement.Concerns(rule.Code))
            {
                open |= disagreement.Resolution == Resolution.CheckLocally;
                settled ??= disagreement.Resolution == Resolution.Follow ? disagreement : null;
            }
        }

        checks.Add(effective is null
            ? new(rule.Id, outcome, reason, null, outcome == CheckOutcome.Unknown ? FirstRuleAfter(snapshot, c.RegionSlug, rule.Key, c.AsOf) : null,
                [], null, rule.Key, null, false, settled)
            : new(rule.Id, outcome, reason, effective.Value.Value, null,
                effective.Value.SourceIds, effective.Value.From, rule.Key, effective.Inherited ? effective.Owner : null, effective.Value.Unconfirmed, settled));

        if (open)
        {
            foreach (var disagreement in disagreements)
            {
                if (disagreement.Resolution == Resolution.CheckLocally && disagreement.Concerns(rule.Code))
                {
                    checks.Add(OpenDisagreement(snapshot, c.RegionSlug, disagreement));
                }
            }
        }
    }

    private static (CheckOutcome Outcome, CheckReason Reason) Judge(in Rule rule, PolicyValue? value) => rule.Kind switch
    {
        RuleKind.Listed => value is ListValue allowed
            ? allowed.Contains(rule.Code!) ? (CheckOutcome.Pass, CheckReason.Listed) : (CheckOutcome.Fail, CheckReason.NotListed)
            : (CheckOutcome.Unknown, CheckReason.NoRule),
        RuleKind.NotExcluded => value is ListValue excluded && excluded.Contains(rule.Code!)
            ? (CheckOutcome.Fail, CheckReason.Excluded)
            : (CheckOutcome.Pass, CheckReason.NotExcluded),
        RuleKind.Requirement => value switch
        {
            FlagValue { Flag: false } => (CheckOutcome.Pass, CheckReason.NoRequirement),
            _ when rule.Met => (CheckOutcome.Pass, CheckReason.RequirementMet),
            FlagValue => (CheckOutcome.Fail, CheckReason.RequirementNotMet),
            _ => (CheckOutcome.Unknown, CheckReason.NoRule),
        },
        RuleKind.AboveReserve => value is NumberValue reserve
            ? rule.Amount > reserve.Number ? (CheckOutcome.Pass, CheckReason.RequirementMet) : (CheckOutcome.Fail, CheckReason.RequirementNotMet)
            : (CheckOutcome.Pass, CheckReason.NoRequirement),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "unknown rule kind"),
    };

    /// <summary>The outcome if an unconfirmed value were wrong: the parent's rule (or none) decides, checked the same way.</summary>
    private static CheckOutcome OutcomeWithout(PolicySnapshot snapshot, EffectiveValue unconfirmed, in Rule rule, DateOnly date, int depth)
    {
        var fallback = unconfirmed.Owner.ParentSlug is { } parent && depth < MaxFallbackDepth ? snapshot.Resolve(parent, rule.Key, date) : null;
        var outcome = Judge(rule, fallback?.Value.Value).Outcome;
        return fallback is { Value.Unconfirmed: true } && outcome != OutcomeWithout(snapshot, fallback, rule, date, depth + 1)
            ? CheckOutcome.Unknown
            : outcome;
    }

    /// <summary>The first day after <paramref name="date"/> on which the region or an ancestor has a value for the key.</summary>
    private static DateOnly? FirstRuleAfter(PolicySnapshot snapshot, string regionSlug, string key, DateOnly date)
    {
        DateOnly? first = null;
        foreach (var region in snapshot.LineageOf(regionSlug))
        {
            foreach (var value in snapshot.FindParameter(region.Slug, key)?.Values ?? [])
            {
                if (value.From > date && (first is null || value.From < first))
                {
                    first = value.From;
                }
            }
        }
        return first;
    }

    private static EligibilityCheck OpenDisagreement(PolicySnapshot snapshot, string regionSlug, Disagreement disagreement) => new(
        CheckIds.Disagreement,
        CheckOutcome.Unknown,
        CheckReason.OpenDisagreement,
        null,
        null,
        [.. disagreement.Claims.SelectMany(claim => claim.SourceIds).Distinct(StringComparer.Ordinal)],
        null,
        disagreement.ParameterKey,
        disagreement.RegionSlug == regionSlug ? null : snapshot.FindRegion(disagreement.RegionSlug),
        false,
        disagreement);
}
