using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>
/// Evaluates a case against the policy data in force for its region on its date, with inheritance. Every rule is a
/// parameter value in the snapshot; the engine only knows how to compare a case with one. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// Only an explicit exclusion or an explicit requirement fails a check. A list rule is read per code: the nearest
/// region whose value states the code decides; a code no source in force addresses (and any date before the first
/// source) is unknown, with the date of the first source that does. A national value that provinces adopt one by one
/// decides what it adds only where a source says the region adopted it; elsewhere that is unknown. A disagreement
/// applies within its periods: a check-locally decision makes the checks it concerns unknown, never a failure. A
/// single-source value that nothing contradicts is followed and marked unconfirmed. An answer is never surer than its
/// sources: a rule only reposts or portals report is "reported" (据报道), one an official page or a news outlet's own
/// report says is confirmed; a check that fails only on an unconfirmed value makes the case need checking, not a no;
/// only a confirmed or reported failure refuses it. The verdict's certainty comes from the checks that decide it.
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
        new(CheckIds.RegionKnown, CheckOutcome.Unknown, CheckReason.RegionUnknown, null, null, [], null, null, null, false, null) { Certainty = Certainty.Unconfirmed };

    // Unconfirmed values look to the parent's for corroboration; a bound keeps corrupt data (a cycle) from recursing forever.
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
        ThroughWallet(snapshot, c, checks);
        var verdict = VerdictOf(checks);
        var certainty = CertaintyOf(verdict, checks);
        return new(verdict, c.RegionSlug, c.AsOf, checks.DrainToImmutable()) { Certainty = certainty };
    }

    /// <summary>
    /// No on a confirmed failing check; needs-check when a check is unknown or fails only on an unconfirmed value; else yes.
    /// </summary>
    private static Verdict VerdictOf(ImmutableArray<EligibilityCheck>.Builder checks)
    {
        var verdict = Verdict.Eligible;
        foreach (var check in checks)
        {
            if (check.Outcome == CheckOutcome.Fail && check.Certainty <= Certainty.Reported)
            {
                return Verdict.NotEligible;
            }
            if (check.Outcome != CheckOutcome.Pass)
            {
                verdict = Verdict.NeedsCheck;
            }
        }
        return verdict;
    }

    /// <summary>
    /// A no is as sure as its surest failing check (one sure reason is enough, and only a confirmed one gives a no); a
    /// yes as its least sure check; a needs-check is conflicting when an open disagreement is among its unknowns or
    /// unconfirmed failures, else unconfirmed.
    /// </summary>
    private static Certainty CertaintyOf(Verdict verdict, ImmutableArray<EligibilityCheck>.Builder checks)
    {
        var certainty = verdict == Verdict.NotEligible ? Certainty.Conflicting : Certainty.Confirmed;
        foreach (var check in checks)
        {
            switch (verdict)
            {
                case Verdict.NotEligible when check.Outcome == CheckOutcome.Fail && check.Certainty < certainty:
                    certainty = check.Certainty;
                    break;
                case Verdict.Eligible when check.Certainty > certainty:
                    certainty = check.Certainty;
                    break;
                case Verdict.NeedsCheck when check.Outcome != CheckOutcome.Pass:
                    certainty = check.Certainty == Certainty.Conflicting || certainty == Certainty.Conflicting ? Certainty.Conflicting : Certainty.Unconfirmed;
                    break;
            }
        }
        return certainty;
    }

    /// <summary>
    /// A relative in another province whose place is known: when the family account's rules do not surely let the location
    /// check pass (unknown, failing, unconfirmed or disputed), a transfer to the relative's 医保钱包 can, if the lists say both provinces opened it in full on the date (both
    /// sides must be open; "some areas" stays unknown). The wallet then settles the location and any open disagreement about it.
    /// </summary>
    private static void ThroughWallet(PolicySnapshot snapshot, EligibilityCase c, ImmutableArray<EligibilityCheck>.Builder checks)
    {
        var index = checks.Count - 1;
        while (index >= 0 && checks[index].Id != CheckIds.Location)
        {
            index--;
        }
        var disputed = index >= 0 && index + 1 < checks.Count && checks[index + 1] is { Id: CheckIds.Disagreement };
        if (c.Member is not { Location: MemberLocation.OtherProvince, RegionSlug: { } memberRegion } || index < 0
            || (checks[index] is { Outcome: CheckOutcome.Pass, Certainty: Certainty.Confirmed or Certainty.Reported } && !disputed)
            || WalletAvailability.On(snapshot, c.RegionSlug, c.AsOf) is not { Status: WalletStatus.WholeArea } sharerSide
            || WalletAvailability.On(snapshot, memberRegion, c.AsOf) is not { Status: WalletStatus.WholeArea } memberSide)
        {
            return;
        }
        ImmutableArray<string> sources = [.. sharerSide.Values.Concat(memberSide.Values).SelectMany(v => v.SourceIds).Distinct(StringComparer.Ordinal)];
        var unconfirmed = sharerSide.Unconfirmed || memberSide.Unconfirmed;
        checks[index] = new(CheckIds.Location, CheckOutcome.Pass, CheckReason.WalletOpen, null, null, sources, null, Keys.SharingScope, null, unconfirmed, null)
        {
            Certainty = unconfirmed ? Certainty.Unconfirmed : PolicyValidator.StrengthOf(snapshot, sources) == SourceStrength.Confirmable ? Certainty.Confirmed : Certainty.Reported,
            Reported = true,
        };
        while (index + 1 < checks.Count && checks[index + 1] is { Id: CheckIds.Disagreement, Disagreement.ParameterKey: Keys.SharingScope })
        {
            checks.RemoveAt(index + 1);
        }
    }

    /// <summary>How a rule's value is compared with the case.</summary>
    private enum RuleKind
    {
        /// <summary>A list rule read per code: allowed passes, excluded fails, not stated is unknown.</summary>
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
        var check = rule.Kind == RuleKind.Listed ? ListCheck(snapshot, c, rule) : ValueCheck(snapshot, c, rule);

        var disagreements = snapshot.DisagreementsAbout(c.RegionSlug, rule.Key);
        Disagreement? settled = null;
        Disagreement? open = null;
        foreach (var disagreement in disagreements)
        {
            if (disagreement.IsOpenOn(c.AsOf, rule.Code))
            {
                open ??= disagreement;
            }
            else if (disagreement.IsSettledOn(c.AsOf, rule.Code))
            {
                settled ??= disagreement;
            }
        }
        if (open is not null && check.Outcome == CheckOutcome.Fail)
        {
            // A check-locally decision never lets the rule it disputes refuse the case.
            check = check with { Outcome = CheckOutcome.Unknown, Reason = CheckReason.Disputed, Disagreement = open, Decision = open.DecisionOn(c.AsOf), Certainty = Certainty.Conflicting };
        }
        else if (settled is not null && check.Disagreement is null)
        {
            check = check with { Disagreement = settled, Decision = settled.DecisionOn(c.AsOf) };
        }
        checks.Add(check);

        if (open is not null)
        {
            foreach (var disagreement in disagreements)
            {
                if (disagreement.IsOpenOn(c.AsOf, rule.Code))
                {
                    checks.Add(OpenDisagreement(snapshot, c, disagreement));
                }
            }
        }
    }

    private static EligibilityCheck ListCheck(PolicySnapshot snapshot, EligibilityCase c, in Rule rule)
    {
        var ruling = snapshot.ResolveCode(c.RegionSlug, rule.Key, rule.Code!, c.AsOf);
        var (outcome, reason) = ruling switch
        {
            { AwaitsAdoption: true } => (CheckOutcome.Unknown, CheckReason.AdoptionUnconfirmed),
            { State: CodeState.Allowed } => (CheckOutcome.Pass, CheckReason.Listed),
            { State: CodeState.Excluded } => (CheckOutcome.Fail, CheckReason.Excluded),
            _ => (CheckOutcome.Unknown, CheckReason.NotStated),
        };
        var certainty = reason == CheckReason.NotStated || ruling.Unconfirmed ? Certainty.Unconfirmed : SourcedCertainty(snapshot, ruling.Rule);
        var startsOn = reason == CheckReason.NotStated ? snapshot.FirstStatedAfter(c.RegionSlug, rule.Key, rule.Code, c.AsOf) : null;
        return Check(rule, outcome, reason, ruling.Rule, startsOn, ruling.Unconfirmed && reason != CheckReason.NotStated, certainty);
    }

    private static EligibilityCheck ValueCheck(PolicySnapshot snapshot, EligibilityCase c, in Rule rule)
    {
        var effective = snapshot.Resolve(c.RegionSlug, rule.Key, c.AsOf);
        var (outcome, reason) = Judge(rule, effective?.Value.Value);
        var unconfirmed = effective is { Value.Unconfirmed: true } && !CorroboratedByParent(snapshot, effective, rule, outcome, c.AsOf, 0);
        // A case that meets a requirement, or a purpose no exclusion lists, is sure whatever the rule's source.
        var restsOnRule = effective is not null && reason is CheckReason.RequirementNotMet or CheckReason.Excluded or CheckReason.NoRequirement;
        var certainty = reason == CheckReason.NotStated || (restsOnRule && unconfirmed) ? Certainty.Unconfirmed
            : restsOnRule ? SourcedCertainty(snapshot, effective) : Certainty.Confirmed;
        var startsOn = reason == CheckReason.NotStated ? snapshot.FirstStatedAfter(c.RegionSlug, rule.Key, null, c.AsOf) : null;
        return Check(rule, outcome, reason, effective, startsOn, unconfirmed, certainty);
    }

    /// <summary>A rule no consumer page weakens is confirmed when an official page or a news outlet's own report says it, else reported (据报道).</summary>
    private static Certainty SourcedCertainty(PolicySnapshot snapshot, EffectiveValue? effective) =>
        effective is not null && PolicyValidator.StrengthOf(snapshot, effective.Value.SourceIds) == SourceStrength.Confirmable
            ? Certainty.Confirmed
            : Certainty.Reported;

    private static EligibilityCheck Check(in Rule rule, CheckOutcome outcome, CheckReason reason, EffectiveValue? effective, DateOnly? startsOn, bool unconfirmed, Certainty certainty) =>
        effective is null
            ? new(rule.Id, outcome, reason, null, startsOn, [], null, rule.Key, null, false, null) { Certainty = certainty }
            : new(rule.Id, outcome, reason, effective.Value.Value, startsOn, effective.Value.SourceIds, effective.Value.From, rule.Key,
                effective.Inherited ? effective.Owner : null, unconfirmed, null)
            {
                Certainty = certainty,
                Reported = effective.Value.Reported,
                RuleNote = reason == CheckReason.AdoptionUnconfirmed ? effective.Value.Note : null,
            };

    private static (CheckOutcome Outcome, CheckReason Reason) Judge(in Rule rule, PolicyValue? value) => rule.Kind switch
    {
        RuleKind.NotExcluded => value is ListValue excluded && excluded.Contains(rule.Code!)
            ? (CheckOutcome.Fail, CheckReason.Excluded)
            : (CheckOutcome.Pass, CheckReason.NotExcluded),
        RuleKind.Requirement => value switch
        {
            FlagValue { Flag: false } => (CheckOutcome.Pass, CheckReason.NoRequirement),
            _ when rule.Met => (CheckOutcome.Pass, CheckReason.RequirementMet),
            FlagValue => (CheckOutcome.Fail, CheckReason.RequirementNotMet),
            _ => (CheckOutcome.Unknown, CheckReason.NotStated),
        },
        RuleKind.AboveReserve => value is NumberValue reserve
            ? rule.Amount > reserve.Number ? (CheckOutcome.Pass, CheckReason.RequirementMet) : (CheckOutcome.Fail, CheckReason.RequirementNotMet)
            : (CheckOutcome.Pass, CheckReason.NoRequirement),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "not a single-value rule kind"),
    };

    /// <summary>Whether the parent's rule, confirmed, gives the same outcome as an unconfirmed value.</summary>
    private static bool CorroboratedByParent(PolicySnapshot snapshot, EffectiveValue unconfirmed, in Rule rule, CheckOutcome outcome, DateOnly date, int depth)
    {
        var fallback = unconfirmed.Owner.ParentSlug is { } parent && depth < MaxFallbackDepth ? snapshot.Resolve(parent, rule.Key, date) : null;
        if (fallback is null || Judge(rule, fallback.Value.Value).Outcome != outcome)
        {
            return false;
        }
        return !fallback.Value.Unconfirmed || CorroboratedByParent(snapshot, fallback, rule, outcome, date, depth + 1);
    }

    private static EligibilityCheck OpenDisagreement(PolicySnapshot snapshot, EligibilityCase c, Disagreement disagreement) => new(
        CheckIds.Disagreement,
        CheckOutcome.Unknown,
        CheckReason.OpenDisagreement,
        null,
        null,
        [.. disagreement.Claims.SelectMany(claim => claim.SourceIds).Distinct(StringComparer.Ordinal)],
        null,
        disagreement.ParameterKey,
        disagreement.RegionSlug == c.RegionSlug ? null : snapshot.FindRegion(disagreement.RegionSlug),
        false,
        disagreement)
    {
        Certainty = Certainty.Conflicting,
        Decision = disagreement.DecisionOn(c.AsOf),
    };
}
