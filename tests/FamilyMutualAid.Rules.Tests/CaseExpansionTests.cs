using static FamilyMutualAid.Rules.EligibilityEngine;
using static FamilyMutualAid.Rules.Tests.EligibilityPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class CaseExpansionTests
{
    private static readonly PolicySnapshot National = Snapshot();

    [Fact]
    public void A_known_case_is_the_engines_result_with_no_effects()
    {
        var expansion = CaseExpansion.Evaluate(National, Case(), []);

        var direct = EligibilityEngine.Evaluate(National, Case());
        Assert.Equal((direct.Verdict, direct.Certainty), (expansion.Result.Verdict, expansion.Result.Certainty));
        Assert.Equal(direct.Checks, expansion.Result.Checks.AsEnumerable());
        Assert.Empty(expansion.Effects);
        Assert.False(expansion.DependsOnUnknowns);
    }

    [Fact]
    public void An_unknown_sharer_insurance_makes_the_verdict_depend_on_it()
    {
        var expansion = CaseExpansion.Evaluate(National, Case(sharerInsurance: InsuranceType.None),
            [UnknownField.SharerInsurance(InsuranceType.Employee, InsuranceType.Resident)]);

        Assert.Equal(InsuranceType.Employee, expansion.Case.Sharer.Insurance);
        Assert.Equal(Verdict.NeedsCheck, expansion.Result.Verdict);
        var effect = Assert.Single(expansion.Effects);
        Assert.True(effect.Matters);
        Assert.Equal([(InsuranceType.Employee, Verdict.Eligible), (InsuranceType.Resident, Verdict.NotEligible)],
            effect.Outcomes.Select(o => ((InsuranceType)o.Value, o.Result.Verdict)));
        Assert.True(expansion.DependsOnUnknowns);
    }

    [Fact]
    public void An_unknown_that_changes_nothing_keeps_the_verdict_and_says_it_does_not_matter()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.MemberNormalStatusRequired, From(Start, No))]);

        var expansion = CaseExpansion.Evaluate(snapshot, Case(), [UnknownField.MemberStatus(InsuranceStatus.Normal, InsuranceStatus.Suspended)]);

        Assert.Equal(Verdict.Eligible, expansion.Result.Verdict);
        var effect = Assert.Single(expansion.Effects);
        Assert.False(effect.Matters);
        Assert.Same(effect, expansion.EffectOn(expansion.Result.Checks.Single(c => c.Id == CheckIds.MemberStatus)));
        Assert.Null(expansion.EffectOn(expansion.Result.Checks.Single(c => c.Id == CheckIds.Relationship)));
    }

    [Fact]
    public void Each_effect_takes_the_other_unknowns_at_their_first_value_while_the_verdict_covers_every_combination()
    {
        var expansion = CaseExpansion.Evaluate(National, Case(),
        [
            UnknownField.SharerStatus(InsuranceStatus.Normal, InsuranceStatus.Suspended),
            UnknownField.MemberInsurance(InsuranceType.Resident, InsuranceType.None),
        ]);

        Assert.Equal(Verdict.NeedsCheck, expansion.Result.Verdict);
        Assert.Equal([Verdict.Eligible, Verdict.NotEligible], expansion.Effects[0].Outcomes.Select(o => o.Result.Verdict));
        Assert.Equal([Verdict.Eligible, Verdict.NotEligible], expansion.Effects[1].Outcomes.Select(o => o.Result.Verdict));
        // The member's insurance is tried with the sharer's status at its first value, normal.
        Assert.All(expansion.Effects[1].Outcomes, o => Assert.Equal(CheckOutcome.Pass, o.Result.Checks.Single(c => c.Id == CheckIds.SharerStatus).Outcome));
    }

    [Fact]
    public void Combinations_that_all_fail_give_a_sure_no()
    {
        var expansion = CaseExpansion.Evaluate(National, Case(relationship: Relationship.Other),
            [UnknownField.SharerStatus(InsuranceStatus.Normal, InsuranceStatus.Suspended)]);

        Assert.Equal(Verdict.NotEligible, expansion.Result.Verdict);
        Assert.False(expansion.DependsOnUnknowns);
    }

    [Fact]
    public void An_unknown_balance_is_tried_on_both_sides_of_the_reserve()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.ReserveAmount, From(Start, new NumberValue(2000)))]);
        var reserve = CaseFields.ReserveOn(snapshot, "beta", Today);
        var ranges = CaseFields.BalanceRanges(reserve, mayBeZero: true);

        var expansion = CaseExpansion.Evaluate(snapshot, Case(region: "beta"), [UnknownField.SharerBalance([.. ranges])]);

        Assert.Equal(2000m, reserve);
        Assert.Equal<BalanceRange>([BalanceRange.AboveReserve, BalanceRange.UpToReserve, BalanceRange.Zero], ranges);
        Assert.Equal(2000.01m, expansion.Case.Sharer.Balance);
        Assert.Equal([Verdict.Eligible, Verdict.NotEligible, Verdict.NotEligible], expansion.Effects[0].Outcomes.Select(o => o.Result.Verdict));
        Assert.Equal<BalanceRange>([BalanceRange.Positive], CaseFields.BalanceRanges(CaseFields.ReserveOn(National, "beta", Today), mayBeZero: false));
    }

    [Fact]
    public void A_value_of_another_fields_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CaseFields.With(Case(), CaseField.SharerStatus, InsuranceType.Employee));
        Assert.Throws<ArgumentException>(() => CaseExpansion.Evaluate(National, Case(),
            [UnknownField.SharerStatus(InsuranceStatus.Normal), UnknownField.SharerStatus(InsuranceStatus.Suspended)]));
        Assert.Throws<ArgumentException>(() => UnknownField.Purpose());
    }

    [Fact]
    public void Where_the_member_is_insured_is_narrowed_by_the_two_places()
    {
        var sharer = new InsuredPlace("a1", "甲市", "alpha", "a", "a1");

        Assert.Equal([MemberLocation.SameRegion, MemberLocation.SameProvince, MemberLocation.OtherProvince], InsuredPlaces.PossibleLocations(sharer, null));
        Assert.Equal([MemberLocation.SameRegion, MemberLocation.SameProvince], InsuredPlaces.PossibleLocations(sharer, new("a", "甲省", "alpha", "a", null)));
        Assert.Equal([MemberLocation.SameProvince], InsuredPlaces.PossibleLocations(sharer, new("a2", "丙市", "alpha", "a", "a2")));
    }

    [Fact]
    public void Every_case_field_feeds_its_own_checks()
    {
        Assert.All(Enum.GetValues<CaseField>(), f => Assert.All(CaseFields.ChecksOf(f), id => Assert.Equal(f, CaseFields.FieldOf(id))));
        Assert.Null(CaseFields.FieldOf(CheckIds.RegionKnown));
    }
}
