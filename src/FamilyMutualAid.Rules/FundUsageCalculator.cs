using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>
/// Splits one bill between the relative's own personal account, the sharer's account and cash, by the policy data in
/// force for the region on the date (with inheritance). Every order and limit is a parameter value in the snapshot;
/// the calculator only knows how to apply one. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// <para>Interpretations, since the sources give a rule but not its arithmetic:</para>
/// <list type="bullet">
/// <item>Payment order: member_account_first; when no value is in force the relative's own account is assumed to pay
/// first (the only order any source describes), with a warning whenever the order changes the split.</item>
/// <item>annual_cap_share: the cap for the year is share × the sharer's balance as given (the current balance, not
/// a start-of-year one; no source says which), rounded to the fen with <see cref="MidpointRounding.AwayFromZero"/>,
/// minus what was already shared this year, never below zero. This is the only place a rounding happens; all other
/// arithmetic is subtraction and minimum, exact in decimal.</item>
/// <item>reserve_amount: only the sharer's balance above the reserve can be shared; a balance exactly at the reserve
/// shares nothing.</item>
/// <item>per_use_limit: at most this much shared money per bill.</item>
/// <item>Limits combine by taking the least; each applies to the sharer's whole balance, not to what another left.</item>
/// <item>The venue is never refused: a venue the rule does not list, or an unsettled disagreement about it, is a
/// warning on the shared figure.</item>
/// </list>
/// <para>
/// A warning is attached only where a figure depends on the doubtful rule: the split is computed again without the
/// unconfirmed limits that set the shared amount (for the payment order: the other way round; for the venue: with no
/// shared money) and the figures that differ are named in <see cref="FundUsageWarning.Affects"/>. Every step still
/// flags an unconfirmed value it shows. Amounts are assumed valid (the API validates them); negative ones count as
/// zero, so nothing is negative and the figures sum to the self-pay whenever it is not negative.
/// </para>
/// </remarks>
public static class FundUsageCalculator
{
    /// <summary>The policy parameters the calculator reads.</summary>
    public static class Keys
    {
        public const string AllowedUses = EligibilityEngine.Keys.AllowedUses;
        public const string MemberAccountFirst = "member_account_first";
        public const string PaymentOrder = "payment_order";
        public const string ReserveAmount = EligibilityEngine.Keys.ReserveAmount;
        public const string AnnualCapShare = "annual_cap_share";
        public const string PerUseLimit = "per_use_limit";
    }

    private const int StepCount = 8;

    private static readonly FundUsageWarning RegionUnknown =
        new(FundUsageWarningKind.RegionUnknown, FundUsageFigures.All, null, null, [], null);

    public static FundUsageResult Calculate(PolicySnapshot snapshot, FundUsageCase c)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(c);
        var selfPay = NotNegative(c.SelfPay);
        var memberBalance = NotNegative(c.MemberOwnBalance);
        var sharerBalance = NotNegative(c.SharerBalance);
        var alreadyShared = NotNegative(c.SharedThisYear);
        var (region, date) = (c.RegionSlug, c.AsOf);

        var venueCode = VocabularyCodes.Of(c.Venue);
        var venue = snapshot.ResolveCode(region, Keys.AllowedUses, venueCode, date);
        var uses = venue.Rule;
        var order = snapshot.Resolve(region, Keys.MemberAccountFirst, date);
        var memberFirst = order?.Value.Value is not FlagValue { Flag: false };
        var reserve = Reserve(snapshot.Resolve(region, Keys.ReserveAmount, date), sharerBalance);
        var cap = AnnualCap(snapshot.Resolve(region, Keys.AnnualCapShare, date), sharerBalance, alreadyShared);
        var perUse = PerUse(snapshot.Resolve(region, Keys.PerUseLimit, date));

        ReadOnlySpan<Limit> limits = [reserve, cap, perUse];
        var (shareable, limitedBy) = (sharerBalance, (string?)null);
        foreach (var limit in limits)
        {
            if (limit.Available < shareable)
            {
                (shareable, limitedBy) = (limit.Available.Value, limit.StepId);
            }
        }
        var split = Split.Of(selfPay, memberBalance, shareable, memberFirst);

        var steps = ImmutableArray.CreateBuilder<FundUsageStep>(StepCount);
        steps.Add(RuleStep(FundUsageStepIds.Venue, VenueReason(venue), Keys.AllowedUses, uses,
            Settled(snapshot.DisagreementsAbout(region, Keys.AllowedUses), venueCode, date)) with { Unconfirmed = venue.Unconfirmed });
        steps.Add(RuleStep(FundUsageStepIds.PaymentOrder, OrderReason(order), Keys.MemberAccountFirst, order,
            Settled(snapshot.DisagreementsAbout(region, Keys.MemberAccountFirst), null, date) ?? Settled(snapshot.DisagreementsAbout(region, Keys.PaymentOrder), null, date)));
        if (memberFirst)
        {
            steps.Add(Payer(FundUsageStepIds.MemberAccount, selfPay, memberBalance, split.Member));
        }
        foreach (var limit in limits)
        {
            steps.Add(LimitStep(limit, sharerBalance, alreadyShared, Settled(snapshot.DisagreementsAbout(region, limit.Key), null, date)));
        }
        steps.Add(Payer(FundUsageStepIds.SharedAccount, memberFirst ? selfPay - split.Member : selfPay, shareable, split.Shared, limitedBy));
        if (!memberFirst)
        {
            steps.Add(Payer(FundUsageStepIds.MemberAccount, selfPay - split.Shared, memberBalance, split.Member));
        }
        steps.Add(Payer(FundUsageStepIds.Cash, split.Cash, null, split.Cash));

        var warnings = new Warnings();
        if (snapshot.FindRegion(region) is null)
        {
            warnings.Add(RegionUnknown);
        }
        WarnAboutVenue(snapshot, c, venueCode, venue, split, Split.Of(selfPay, memberBalance, 0, memberFirst), ref warnings);
        WarnAboutOrder(snapshot, region, date, order, split, Split.Of(selfPay, memberBalance, shareable, !memberFirst), ref warnings);
        WarnAboutLimits(snapshot, region, date, limits, sharerBalance, shareable, split, selfPay, memberBalance, memberFirst, ref warnings);

        return new(split.Member, split.Shared, split.Cash, steps.MoveToImmutable(), warnings.ToImmutable());
    }

    /// <summary>A limit on the shared amount as applied to this case; Available is null when none is in force.</summary>
    private readonly record struct Limit(string StepId, string Key, EffectiveValue? Rule, decimal? LimitAmount, decimal? Available)
    {
        public bool Unconfirmed => Rule is { Value.Unconfirmed: true };
    }

    private static Limit Reserve(EffectiveValue? rule, decimal balance) => rule?.Value.Value is NumberValue reserve
        ? new(FundUsageStepIds.Reserve, Keys.ReserveAmount, rule, reserve.Number, NotNegative(balance - reserve.Number))
        : new(FundUsageStepIds.Reserve, Keys.ReserveAmount, rule, null, null);

    private static Limit AnnualCap(EffectiveValue? rule, decimal balance, decimal alreadyShared)
    {
        if (rule?.Value.Value is not NumberValue share)
        {
            return new(FundUsageStepIds.AnnualCap, Keys.AnnualCapShare, rule, null, null);
        }
        // The one place a share is applied, so the one place an amount is rounded to the fen.
        var cap = Math.Round(NotNegative(share.Number) * balance, 2, MidpointRounding.AwayFromZero);
        return new(FundUsageStepIds.AnnualCap, Keys.AnnualCapShare, rule, cap, NotNegative(cap - alreadyShared));
    }

    private static Limit PerUse(EffectiveValue? rule) => rule?.Value.Value is NumberValue limit
        ? new(FundUsageStepIds.PerUseLimit, Keys.PerUseLimit, rule, limit.Number, NotNegative(limit.Number))
        : new(FundUsageStepIds.PerUseLimit, Keys.PerUseLimit, rule, null, null);

    /// <summary>The three figures of one way of paying the bill.</summary>
    private readonly record struct Split(decimal Member, decimal Shared, decimal Cash)
    {
        public static Split Of(decimal selfPay, decimal memberBalance, decimal shareable, bool memberFirst)
        {
            if (memberFirst)
            {
                var member = Math.Min(selfPay, memberBalance);
                var shared = Math.Min(selfPay - member, shareable);
                return new(member, shared, selfPay - member - shared);
            }
            else
            {
                var shared = Math.Min(selfPay, shareable);
                var member = Math.Min(selfPay - shared, memberBalance);
                return new(member, shared, selfPay - member - shared);
            }
        }

        public FundUsageFigures DifferencesFrom(in Split other) =>
            (Member == other.Member ? FundUsageFigures.None : FundUsageFigures.MemberAccount)
            | (Shared == other.Shared ? FundUsageFigures.None : FundUsageFigures.SharedAccount)
            | (Cash == other.Cash ? FundUsageFigures.None : FundUsageFigures.Cash);
    }

    private static FundUsageReason VenueReason(CodeRuling venue) => venue.State switch
    {
        CodeState.Allowed when !venue.AwaitsAdoption => FundUsageReason.Listed,
        CodeState.Excluded when !venue.AwaitsAdoption => FundUsageReason.NotListed,
        _ => FundUsageReason.NoRule,
    };

    private static FundUsageReason OrderReason(EffectiveValue? order) => order?.Value.Value switch
    {
        FlagValue { Flag: true } => FundUsageReason.MemberAccountFirst,
        FlagValue => FundUsageReason.SharedAccountFirst,
        _ => FundUsageReason.AssumedMemberAccountFirst,
    };

    private static FundUsageStep Payer(string id, decimal outstanding, decimal? available, decimal paid, string? limitedBy = null) => new(
        id,
        outstanding == 0 ? FundUsageReason.NothingOutstanding
            : paid == outstanding ? FundUsageReason.PaysAll
            : paid == 0 ? FundUsageReason.NothingAvailable
            : FundUsageReason.PaysPart)
    {
        Paid = paid,
        Outstanding = outstanding,
        Available = available,
        LimitedBy = limitedBy,
    };

    private static FundUsageStep RuleStep(
        string id,
        FundUsageReason reason,
        string key,
        EffectiveValue? rule,
        Disagreement? settled,
        decimal? limitAmount = null,
        decimal? available = null,
        decimal? @base = null,
        decimal? alreadyShared = null) => new(id, reason)
    {
        LimitAmount = limitAmount,
        Available = available,
        Base = @base,
        AlreadyShared = alreadyShared,
        ParameterKey = key,
        RuleValue = rule?.Value.Value,
        SourceIds = rule?.Value.SourceIds ?? [],
        EffectiveFrom = rule?.Value.From,
        Reported = rule?.Value.Reported ?? false,
        InheritedFrom = rule is { Inherited: true } ? rule.Owner : null,
        Unconfirmed = rule?.Value.Unconfirmed ?? false,
        Disagreement = settled,
    };

    private static FundUsageStep LimitStep(in Limit limit, decimal sharerBalance, decimal alreadyShared, Disagreement? settled) =>
        limit.Available is null
            ? RuleStep(limit.StepId, FundUsageReason.NoLimit, limit.Key, limit.Rule, settled)
            : RuleStep(limit.StepId, FundUsageReason.LimitApplies, limit.Key, limit.Rule, settled, limit.LimitAmount, limit.Available,
                @base: limit.StepId == FundUsageStepIds.PerUseLimit ? null : sharerBalance,
                alreadyShared: limit.StepId == FundUsageStepIds.AnnualCap ? alreadyShared : null);

    private static void WarnAboutVenue(
        PolicySnapshot snapshot, FundUsageCase c, string venueCode, CodeRuling venue, in Split split, in Split withoutShared, ref Warnings warnings)
    {
        var affects = split.DifferencesFrom(withoutShared);
        if (affects == FundUsageFigures.None)
        {
            return;
        }
        switch (VenueReason(venue))
        {
            case FundUsageReason.NotListed:
                warnings.Add(new(FundUsageWarningKind.UseNotListed, affects, FundUsageStepIds.Venue, Keys.AllowedUses, venue.Rule!.Value.SourceIds, null));
                break;
            case FundUsageReason.NoRule:
                warnings.Add(new(FundUsageWarningKind.NoRule, affects, FundUsageStepIds.Venue, Keys.AllowedUses, [], null));
                break;
        }
        if (venue.Unconfirmed && venue.Rule is { } uses)
        {
            warnings.Add(Unconfirmed(affects, FundUsageStepIds.Venue, Keys.AllowedUses, uses));
        }
        WarnAboutOpen(snapshot.DisagreementsAbout(c.RegionSlug, Keys.AllowedUses), venueCode, c.AsOf, affects, FundUsageStepIds.Venue, ref warnings);
    }

    private static void WarnAboutOrder(PolicySnapshot snapshot, string region, DateOnly date, EffectiveValue? order, in Split split, in Split otherWayRound, ref Warnings warnings)
    {
        var affects = split.DifferencesFrom(otherWayRound);
        if (affects == FundUsageFigures.None)
        {
            return;
        }
        if (order?.Value.Value is not FlagValue)
        {
            warnings.Add(new(FundUsageWarningKind.NoRule, affects, FundUsageStepIds.PaymentOrder, Keys.MemberAccountFirst, [], null));
        }
        else if (order.Value.Unconfirmed)
        {
            warnings.Add(Unconfirmed(affects, FundUsageStepIds.PaymentOrder, Keys.MemberAccountFirst, order));
        }
        WarnAboutOpen(snapshot.DisagreementsAbout(region, Keys.MemberAccountFirst), null, date, affects, FundUsageStepIds.PaymentOrder, ref warnings);
        WarnAboutOpen(snapshot.DisagreementsAbout(region, Keys.PaymentOrder), null, date, affects, FundUsageStepIds.PaymentOrder, ref warnings);
    }

    private static void WarnAboutLimits(
        PolicySnapshot snapshot,
        string region,
        DateOnly date,
        ReadOnlySpan<Limit> limits,
        decimal sharerBalance,
        decimal shareable,
        in Split split,
        decimal selfPay,
        decimal memberBalance,
        bool memberFirst,
        ref Warnings warnings)
    {
        // The unconfirmed limits that set the shareable amount; if they were all wrong, the next tightest would.
        var withoutUnconfirmed = sharerBalance;
        var anyUnconfirmedSets = false;
        foreach (var limit in limits)
        {
            if (limit.Available is not { } available)
            {
                continue;
            }
            if (limit.Unconfirmed && available == shareable)
            {
                anyUnconfirmedSets = true;
            }
            else
            {
                withoutUnconfirmed = Math.Min(withoutUnconfirmed, available);
            }
        }
        var unconfirmedAffects = anyUnconfirmedSets
            ? split.DifferencesFrom(Split.Of(selfPay, memberBalance, withoutUnconfirmed, memberFirst))
            : FundUsageFigures.None;

        var noneShared = split.DifferencesFrom(Split.Of(selfPay, memberBalance, 0, memberFirst));
        for (var i = 0; i < limits.Length; i++)
        {
            var limit = limits[i];
            if (unconfirmedAffects != FundUsageFigures.None && limit.Unconfirmed && limit.Available == shareable)
            {
                warnings.Add(Unconfirmed(unconfirmedAffects, limit.StepId, limit.Key, limit.Rule!));
            }
            var disagreements = snapshot.DisagreementsAbout(region, limit.Key);
            if (disagreements.IsEmpty)
            {
                continue;
            }
            // An unsettled limit could be absent or strict enough to leave nothing to share.
            var without = sharerBalance;
            for (var j = 0; j < limits.Length; j++)
            {
                if (j != i && limits[j].Available is { } other)
                {
                    without = Math.Min(without, other);
                }
            }
            var affects = noneShared | split.DifferencesFrom(Split.Of(selfPay, memberBalance, without, memberFirst));
            WarnAboutOpen(disagreements, null, date, affects, limit.StepId, ref warnings);
        }
    }

    private static void WarnAboutOpen(ImmutableArray<Disagreement> disagreements, string? code, DateOnly date, FundUsageFigures affects, string stepId, ref Warnings warnings)
    {
        if (affects == FundUsageFigures.None)
        {
            return;
        }
        foreach (var disagreement in disagreements)
        {
            if (disagreement.IsOpenOn(date, code))
            {
                warnings.Add(new(FundUsageWarningKind.OpenDisagreement, affects, stepId, disagreement.ParameterKey,
                    [.. disagreement.Claims.SelectMany(claim => claim.SourceIds).Distinct(StringComparer.Ordinal)], disagreement));
            }
        }
    }

    private static FundUsageWarning Unconfirmed(FundUsageFigures affects, string stepId, string key, EffectiveValue rule) =>
        new(FundUsageWarningKind.UnconfirmedRule, affects, stepId, key, rule.Value.SourceIds, null);

    private static Disagreement? Settled(ImmutableArray<Disagreement> disagreements, string? code, DateOnly date)
    {
        foreach (var disagreement in disagreements)
        {
            if (disagreement.IsSettledOn(date, code))
            {
                return disagreement;
            }
        }
        return null;
    }

    private static decimal NotNegative(decimal amount) => amount < 0 ? 0 : amount;

    /// <summary>Collects warnings, allocating only when there is one.</summary>
    private struct Warnings
    {
        private ImmutableArray<FundUsageWarning>.Builder? _builder;

        public void Add(FundUsageWarning warning) => (_builder ??= ImmutableArray.CreateBuilder<FundUsageWarning>(4)).Add(warning);

        public readonly ImmutableArray<FundUsageWarning> ToImmutable() => _builder?.ToImmutable() ?? [];
    }
}
