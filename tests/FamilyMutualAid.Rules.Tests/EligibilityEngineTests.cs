using static FamilyMutualAid.Rules.EligibilityEngine;
using static FamilyMutualAid.Rules.Tests.EligibilityPolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class EligibilityEngineTests
{
    private static readonly PolicySnapshot National = Snapshot();

    private static EligibilityResult Evaluate(EligibilityCase c) => EligibilityEngine.Evaluate(National, c);

    [Fact]
    public void A_spouse_of_a_normally_insured_employee_with_a_balance_is_eligible_for_a_hospital_bill()
    {
        var result = Evaluate(Case());

        Assert.Equal(Verdict.Eligible, result.Verdict);
        Assert.All(result.Checks, c => Assert.Equal(CheckOutcome.Pass, c.Outcome));
        Assert.Equal(("alpha", Today), (result.RegionSlug, result.AsOf));
    }

    [Fact]
    public void Every_check_is_made_in_a_fixed_order_even_after_a_failure()
    {
        var result = Evaluate(Case(sharerInsurance: InsuranceType.Resident, relationship: Relationship.Other));

        Assert.Equal(CheckIds.InOrder, result.Checks.Select(c => c.Id));
        Assert.Equal(Verdict.NotEligible, result.Verdict);
        Assert.Equal([CheckIds.SharerInsurance, CheckIds.Relationship], result.Failing());
    }

    [Fact]
    public void A_passing_check_names_the_rule_its_sources_and_its_first_day()
    {
        var check = Evaluate(Case(relationship: Relationship.Sibling)).Check(CheckIds.Relationship);

        Assert.Equal(CheckReason.Listed, check.Reason);
        Assert.Equal(Keys.Relatives, check.ParameterKey);
        Assert.Equal(Extension, check.EffectiveFrom);
        Assert.Equal<string>(["src-a"], check.SourceIds);
        Assert.Equal(Codes("spouse", "parent", "child", "sibling", "grandparent", "grandchild"), check.RuleValue);
        Assert.Equal("national", check.InheritedFrom?.Slug);
        Assert.False(check.Unconfirmed);
    }

    [Theory]
    [InlineData(InsuranceType.Resident)]
    [InlineData(InsuranceType.None)]
    public void A_sharer_without_employee_insurance_is_not_eligible(InsuranceType insurance)
    {
        var result = Evaluate(Case(sharerInsurance: insurance));

        Assert.Equal(Verdict.NotEligible, result.Verdict);
        Assert.Equal([CheckIds.SharerInsurance], result.Failing());
        Assert.Equal(CheckReason.NotListed, result.Check(CheckIds.SharerInsurance).Reason);
    }

    [Fact]
    public void A_suspended_sharer_is_not_eligible()
    {
        var result = Evaluate(Case(sharerStatus: InsuranceStatus.Suspended));

        Assert.Equal([CheckIds.SharerStatus], result.Failing());
        Assert.Equal(CheckReason.RequirementNotMet, result.Check(CheckIds.SharerStatus).Reason);
    }

    [Fact]
    public void A_suspended_member_is_not_eligible()
    {
        var result = Evaluate(Case(memberStatus: InsuranceStatus.Suspended));

        Assert.Equal([CheckIds.MemberStatus], result.Failing());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_sharer_with_no_balance_is_not_eligible(decimal balance)
    {
        var result = Evaluate(Case(balance: balance));

        Assert.Equal(Verdict.NotEligible, result.Verdict);
        Assert.Equal([CheckIds.SharerBalance], result.Failing());
    }

    [Fact]
    public void A_balance_of_one_fen_is_enough_where_no_reserve_is_recorded()
    {
        var result = Evaluate(Case(balance: 0.01m));

        Assert.Equal(Verdict.Eligible, result.Verdict);
        Assert.Equal(CheckReason.NoRequirement, result.Check(CheckIds.SharerReserve).Reason);
        Assert.Null(result.Check(CheckIds.SharerReserve).RuleValue);
    }

    [Theory]
    [InlineData(2000, CheckOutcome.Fail)]
    [InlineData(2000.01, CheckOutcome.Pass)]
    public void A_local_reserve_must_be_exceeded(decimal balance, CheckOutcome expected)
    {
        var snapshot = Snapshot([Rule("alpha", Keys.ReserveAmount, From(Start, new NumberValue(2000)))]);

        var check = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: balance)).Check(CheckIds.SharerReserve);

        Assert.Equal(expected, check.Outcome);
        Assert.Equal(new NumberValue(2000), check.RuleValue);
        Assert.Equal("alpha", check.InheritedFrom?.Slug);
    }

    [Fact]
    public void A_member_without_basic_insurance_is_not_eligible()
    {
        Assert.Equal([CheckIds.MemberInsurance], Evaluate(Case(memberInsurance: InsuranceType.None)).Failing());
    }

    [Theory]
    [InlineData(Relationship.Spouse, CheckOutcome.Pass)]
    [InlineData(Relationship.Parent, CheckOutcome.Pass)]
    [InlineData(Relationship.Child, CheckOutcome.Pass)]
    [InlineData(Relationship.Sibling, CheckOutcome.Fail)]
    [InlineData(Relationship.Grandparent, CheckOutcome.Fail)]
    [InlineData(Relationship.Grandchild, CheckOutcome.Fail)]
    [InlineData(Relationship.Other, CheckOutcome.Fail)]
    public void Before_the_extension_only_spouse_parents_and_children_may_share(Relationship relationship, CheckOutcome expected)
    {
        var check = Evaluate(Case(relationship: relationship, asOf: Extension.AddDays(-1))).Check(CheckIds.Relationship);

        Assert.Equal(expected, check.Outcome);
        Assert.Equal(Start, check.EffectiveFrom);
    }

    [Theory]
    [InlineData(Relationship.Sibling, CheckOutcome.Pass)]
    [InlineData(Relationship.Grandparent, CheckOutcome.Pass)]
    [InlineData(Relationship.Grandchild, CheckOutcome.Pass)]
    [InlineData(Relationship.Other, CheckOutcome.Fail)]
    public void From_the_first_day_of_the_extension_near_relatives_may_share(Relationship relationship, CheckOutcome expected)
    {
        Assert.Equal(expected, Evaluate(Case(relationship: relationship, asOf: Extension)).Check(CheckIds.Relationship).Outcome);
    }

    [Fact]
    public void A_purpose_not_in_the_allowed_uses_is_not_eligible()
    {
        var result = Evaluate(Case(purpose: Purpose.CommercialInsurance));

        Assert.Equal([CheckIds.PurposeAllowed], result.Failing());
        Assert.Equal(CheckOutcome.Pass, result.Check(CheckIds.PurposeExcluded).Outcome);
    }

    [Fact]
    public void An_excluded_purpose_fails_both_purpose_checks()
    {
        var result = Evaluate(Case(purpose: Purpose.Wellness));

        Assert.Equal([CheckIds.PurposeAllowed, CheckIds.PurposeExcluded], result.Failing());
        Assert.Equal(CheckReason.Excluded, result.Check(CheckIds.PurposeExcluded).Reason);
    }

    [Fact]
    public void An_excluded_purpose_fails_even_where_a_list_allows_it()
    {
        var snapshot = Snapshot([Rule("national", Keys.AllowedUses, From(Start, Codes("hospital", "wellness")))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.Wellness));

        Assert.Equal([CheckIds.PurposeExcluded], result.Failing());
    }

    [Fact]
    public void Where_no_exclusions_are_recorded_the_purpose_is_not_excluded()
    {
        var snapshot = Snapshot([Rule("national", Keys.ExcludedUses, From(Today.AddDays(1), Codes("wellness")))]);

        var check = EligibilityEngine.Evaluate(snapshot, Case()).Check(CheckIds.PurposeExcluded);

        Assert.Equal((CheckOutcome.Pass, CheckReason.NotExcluded), (check.Outcome, check.Reason));
    }

    [Theory]
    [InlineData(MemberLocation.SameRegion, "2024-11-26", CheckOutcome.Pass)]
    [InlineData(MemberLocation.SameProvince, "2024-11-26", CheckOutcome.Fail)]
    [InlineData(MemberLocation.SameProvince, "2024-11-27", CheckOutcome.Pass)]
    [InlineData(MemberLocation.OtherProvince, "2024-11-27", CheckOutcome.Fail)]
    public void The_sharing_scope_in_force_on_the_date_decides_where_the_member_may_be_insured(MemberLocation location, string asOf, CheckOutcome expected)
    {
        Assert.Equal(expected, Evaluate(Case(location: location, asOf: DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture))).Check(CheckIds.Location).Outcome);
    }

    [Fact]
    public void Before_any_rule_the_case_needs_checking_and_each_check_says_when_the_first_rule_starts()
    {
        var result = Evaluate(Case(asOf: Start.AddDays(-1)));

        Assert.Equal(Verdict.NeedsCheck, result.Verdict);
        Assert.Empty(result.Failing());
        var relatives = result.Check(CheckIds.Relationship);
        Assert.Equal((CheckOutcome.Unknown, CheckReason.NoRule), (relatives.Outcome, relatives.Reason));
        Assert.Equal(Start, relatives.RuleStartsOn);
        Assert.Null(relatives.EffectiveFrom);
        Assert.Empty(relatives.SourceIds);
    }

    [Fact]
    public void Before_any_rule_a_case_that_meets_a_requirement_passes_it_and_one_that_does_not_is_unknown()
    {
        var result = Evaluate(Case(asOf: Start.AddDays(-1), sharerStatus: InsuranceStatus.Suspended, balance: 100));

        Assert.Equal((CheckOutcome.Unknown, CheckReason.NoRule), (result.Check(CheckIds.SharerStatus).Outcome, result.Check(CheckIds.SharerStatus).Reason));
        Assert.Equal((CheckOutcome.Pass, CheckReason.RequirementMet), (result.Check(CheckIds.SharerBalance).Outcome, result.Check(CheckIds.SharerBalance).Reason));
        Assert.Equal(CheckOutcome.Pass, result.Check(CheckIds.MemberStatus).Outcome);
    }

    [Fact]
    public void A_requirement_set_to_false_lets_a_suspended_sharer_share()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.SharerNormalStatusRequired, From(Start, No))]);

        var check = EligibilityEngine.Evaluate(snapshot, Case(sharerStatus: InsuranceStatus.Suspended)).Check(CheckIds.SharerStatus);

        Assert.Equal((CheckOutcome.Pass, CheckReason.NoRequirement), (check.Outcome, check.Reason));
        Assert.Null(check.InheritedFrom);
    }

    [Fact]
    public void A_city_uses_its_province_rule_over_the_national_one_and_says_where_it_comes_from()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse")))]);

        var forCity = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", relationship: Relationship.Parent));
        var forNation = EligibilityEngine.Evaluate(snapshot, Case(region: "national", relationship: Relationship.Parent));

        Assert.Equal([CheckIds.Relationship], forCity.Failing());
        Assert.Equal("alpha", forCity.Check(CheckIds.Relationship).InheritedFrom?.Slug);
        Assert.Equal(Verdict.Eligible, forNation.Verdict);
        Assert.Null(forNation.Check(CheckIds.Relationship).InheritedFrom);
    }

    [Fact]
    public void After_a_local_rule_ends_the_national_rule_applies_again()
    {
        var local = Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse"), until: new(2025, 12, 31)));
        var snapshot = Snapshot([local]);

        Assert.Equal(Verdict.NotEligible, EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Parent, asOf: new(2025, 12, 31))).Verdict);
        Assert.Equal(Verdict.Eligible, EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Parent, asOf: new(2026, 1, 1))).Verdict);
    }

    [Fact]
    public void Changing_a_value_in_the_data_changes_the_answer()
    {
        var snapshot = Snapshot([Rule("national", Keys.Relatives, From(Start, Codes("spouse", "parent", "child", "other")))]);

        Assert.Equal(Verdict.Eligible, EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other)).Verdict);
    }

    [Fact]
    public void An_unconfirmed_local_value_that_would_refuse_what_the_parent_allows_needs_checking()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse", "parent", "child"), unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Sibling));

        Assert.Equal(Verdict.NeedsCheck, result.Verdict);
        var check = result.Check(CheckIds.Relationship);
        Assert.Equal((CheckOutcome.Unknown, CheckReason.UnconfirmedRule), (check.Outcome, check.Reason));
        Assert.True(check.Unconfirmed);
        Assert.Equal(new DateOnly(2025, 1, 1), check.EffectiveFrom);
    }

    [Fact]
    public void An_unconfirmed_local_value_that_agrees_with_the_parent_on_the_case_still_answers_but_is_marked()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse", "parent", "child"), unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Spouse));

        Assert.Equal(Verdict.Eligible, result.Verdict);
        Assert.True(result.Check(CheckIds.Relationship).Unconfirmed);
    }

    [Fact]
    public void An_unconfirmed_reserve_that_alone_refuses_a_balance_needs_checking()
    {
        var snapshot = Snapshot([Rule("beta", Keys.ReserveAmount, From(Start, new NumberValue(2000), unconfirmed: true))]);

        Assert.Equal(Verdict.NeedsCheck, EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 1000)).Verdict);
        Assert.Equal(Verdict.Eligible, EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 3000)).Verdict);
        Assert.Equal(Verdict.NotEligible, EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 0)).Verdict);
    }

    [Fact]
    public void An_unconfirmed_national_requirement_decides_nothing_on_its_own()
    {
        var snapshot = Snapshot([Rule("national", Keys.SharerNormalStatusRequired, From(Start, Yes, unconfirmed: true))]);

        Assert.Equal(CheckOutcome.Unknown, EligibilityEngine.Evaluate(snapshot, Case(sharerStatus: InsuranceStatus.Suspended)).Check(CheckIds.SharerStatus).Outcome);
        Assert.Equal(CheckOutcome.Pass, EligibilityEngine.Evaluate(snapshot, Case(sharerStatus: InsuranceStatus.Normal)).Check(CheckIds.SharerStatus).Outcome);
    }

    [Fact]
    public void An_open_disagreement_about_the_case_needs_checking_and_follows_the_check_it_concerns()
    {
        var snapshot = Snapshot(disagreements: [Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.CheckLocally, "pharmacy")]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.Pharmacy));

        Assert.Equal(Verdict.NeedsCheck, result.Verdict);
        Assert.Equal(CheckOutcome.Pass, result.Check(CheckIds.PurposeAllowed).Outcome);
        var index = result.Checks.IndexOf(result.Check(CheckIds.PurposeAllowed));
        var open = result.Checks[index + 1];
        Assert.Equal((CheckIds.Disagreement, CheckOutcome.Unknown, CheckReason.OpenDisagreement), (open.Id, open.Outcome, open.Reason));
        Assert.Equal("alpha-pharmacy", open.Disagreement?.Id);
        Assert.Equal(Keys.AllowedUses, open.ParameterKey);
        Assert.Equal<string>(["src-a", "src-b"], open.SourceIds);
        Assert.Null(open.InheritedFrom);
    }

    [Fact]
    public void An_open_disagreement_about_other_codes_of_the_parameter_does_not_concern_the_case()
    {
        var snapshot = Snapshot(disagreements: [Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.CheckLocally, "pharmacy")]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.Hospital));

        Assert.Equal(Verdict.Eligible, result.Verdict);
        Assert.DoesNotContain(result.Checks, c => c.Disagreement is not null);
    }

    [Fact]
    public void An_open_disagreement_naming_no_codes_concerns_every_case_that_reads_its_parameter()
    {
        var snapshot = Snapshot(disagreements: [Dispute("uses", "national", Keys.AllowedUses, Resolution.CheckLocally)]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(region: "beta"));

        Assert.Equal(Verdict.NeedsCheck, result.Verdict);
        Assert.Equal(["disagreement:uses"], result.Unknown());
        Assert.Equal("national", result.Check(CheckIds.Disagreement).InheritedFrom?.Slug);
    }

    [Fact]
    public void An_open_disagreement_about_a_parameter_the_engine_does_not_read_changes_nothing()
    {
        var snapshot = Snapshot(disagreements: [Dispute("fee", "alpha", "annual_fee", Resolution.CheckLocally), Dispute("free", "alpha", null, Resolution.CheckLocally)]);

        Assert.Equal(Verdict.Eligible, EligibilityEngine.Evaluate(snapshot, Case()).Verdict);
    }

    [Fact]
    public void A_failed_check_outweighs_an_open_disagreement()
    {
        var snapshot = Snapshot(disagreements: [Dispute("uses", "alpha", Keys.AllowedUses, Resolution.CheckLocally)]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other));

        Assert.Equal(Verdict.NotEligible, result.Verdict);
        Assert.Contains("disagreement:uses", result.Unknown());
    }

    [Fact]
    public void A_settled_disagreement_does_not_need_checking_but_the_check_refers_to_it()
    {
        var snapshot = Snapshot(disagreements:
        [
            Dispute("relatives-alpha", "alpha", Keys.Relatives, Resolution.Follow),
            Dispute("relatives-national", "national", Keys.Relatives, Resolution.Follow),
        ]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(region: "beta"));

        Assert.Equal(Verdict.Eligible, result.Verdict);
        Assert.Equal("relatives-alpha", result.Check(CheckIds.Relationship).Disagreement?.Id);
        Assert.Null(result.Check(CheckIds.Location).Disagreement);
    }

    [Fact]
    public void An_unknown_region_needs_checking()
    {
        var result = Evaluate(Case(region: "atlantis"));

        Assert.Equal(Verdict.NeedsCheck, result.Verdict);
        Assert.Equal((CheckOutcome.Unknown, CheckReason.RegionUnknown), (result.Check(CheckIds.RegionKnown).Outcome, result.Check(CheckIds.RegionKnown).Reason));
        Assert.Empty(result.Failing());
    }

    [Fact]
    public void Evaluating_a_case_allocates_little()
    {
        var c = Case(region: "beta");
        EligibilityEngine.Evaluate(National, c);

        var before = GC.GetAllocatedBytesForCurrentThread();
        EligibilityEngine.Evaluate(National, c);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The result itself (11 checks and their array) is most of it; resolving rules allocates one small record each.
        Assert.InRange(allocated, 1, 4096);
    }
}
