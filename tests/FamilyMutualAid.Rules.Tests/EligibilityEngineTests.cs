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
        Assert.Equal(Codes(["spouse", "parent", "child", "sibling", "grandparent", "grandchild"], "other"), check.RuleValue);
        Assert.Equal("national", check.InheritedFrom?.Slug);
        Assert.False(check.Unconfirmed);
    }

    [Fact]
    public void Rules_that_only_reposts_report_give_a_reported_yes_and_a_reported_no()
    {
        var reposted = new PolicySnapshot(National.Regions, [TestPolicy.SourceA with { Tier = SourceTier.Repost }, SourceB],
            National.Definitions, National.Parameters, National.Disagreements, [], National.Vocabulary);

        var yes = EligibilityEngine.Evaluate(reposted, Case());
        var no = EligibilityEngine.Evaluate(reposted, Case(sharerInsurance: InsuranceType.Resident));

        Assert.Equal((Verdict.Eligible, Certainty.Reported), (yes.Verdict, yes.Certainty));
        Assert.Equal((Verdict.NotEligible, Certainty.Reported), (no.Verdict, no.Certainty));
        Assert.Equal((Verdict.Eligible, Certainty.Confirmed), (Evaluate(Case()).Verdict, Evaluate(Case()).Certainty));
    }

    [Fact]
    public void A_value_resting_only_on_consumer_pages_must_be_marked_unconfirmed()
    {
        var weak = new PolicyParameter("alpha", EligibilityEngine.Keys.Relatives, [new(new(2025, 1, 1), null, new ListValue(["spouse"]), ["src-b"], null, false)], null);
        var snapshot = new PolicySnapshot(National.Regions, National.Sources, National.Definitions, [.. National.Parameters, weak], [], [], National.Vocabulary);

        var issue = Assert.Single(PolicyValidator.Validate(snapshot), i => i.Field == "unconfirmed");

        Assert.Equal("parameter:alpha/relatives@2025-01-01", issue.Subject);
        Assert.DoesNotContain(PolicyValidator.Validate(new PolicySnapshot(National.Regions, National.Sources, National.Definitions,
            [.. National.Parameters, weak with { Values = [weak.Values[0] with { Unconfirmed = true }] }], [], [], National.Vocabulary)), i => i.Field == "unconfirmed");
    }

    [Theory]
    [InlineData(InsuranceType.Resident)]
    [InlineData(InsuranceType.None)]
    public void A_sharer_without_employee_insurance_is_not_eligible(InsuranceType insurance)
    {
        var result = Evaluate(Case(sharerInsurance: insurance));

        Assert.Equal(Verdict.NotEligible, result.Verdict);
        Assert.Equal([CheckIds.SharerInsurance], result.Failing());
        Assert.Equal(CheckReason.Excluded, result.Check(CheckIds.SharerInsurance).Reason);
        Assert.Equal(Certainty.Confirmed, result.Certainty);
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
    public void A_purpose_no_source_addresses_needs_checking_and_is_never_a_no()
    {
        var result = Evaluate(Case(purpose: Purpose.CommercialInsurance));

        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (result.Verdict, result.Certainty));
        Assert.Empty(result.Failing());
        var check = result.Check(CheckIds.PurposeAllowed);
        Assert.Equal((CheckOutcome.Unknown, CheckReason.NotStated, (DateOnly?)null), (check.Outcome, check.Reason, check.RuleStartsOn));
        Assert.Equal(CheckOutcome.Pass, result.Check(CheckIds.PurposeExcluded).Outcome);
    }

    [Fact]
    public void Before_a_later_value_first_states_a_code_the_check_is_unknown_and_names_that_date()
    {
        var later = new DateOnly(2025, 4, 1);
        var snapshot = Snapshot([Rule("national", Keys.AllowedUses, From(Start, Codes(["hospital", "pharmacy"], "wellness")), From(later, Codes(["hospital", "pharmacy", "resident_premium"], "wellness")))]);

        var before = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.ResidentPremium, asOf: later.AddDays(-1))).Check(CheckIds.PurposeAllowed);
        var after = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.ResidentPremium, asOf: later)).Check(CheckIds.PurposeAllowed);

        Assert.Equal((CheckOutcome.Unknown, CheckReason.NotStated, (DateOnly?)later), (before.Outcome, before.Reason, before.RuleStartsOn));
        Assert.Equal(CheckOutcome.Pass, after.Outcome);
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
    [InlineData(MemberLocation.SameProvince, "2024-11-26", CheckOutcome.Unknown)]
    [InlineData(MemberLocation.SameProvince, "2024-11-27", CheckOutcome.Pass)]
    [InlineData(MemberLocation.OtherProvince, "2024-11-27", CheckOutcome.Unknown)]
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
        Assert.Equal((CheckOutcome.Unknown, CheckReason.NotStated), (relatives.Outcome, relatives.Reason));
        Assert.Equal(Start, relatives.RuleStartsOn);
        Assert.Null(relatives.EffectiveFrom);
        Assert.Empty(relatives.SourceIds);
    }

    [Fact]
    public void Before_any_rule_a_case_that_meets_a_requirement_passes_it_and_one_that_does_not_is_unknown()
    {
        var result = Evaluate(Case(asOf: Start.AddDays(-1), sharerStatus: InsuranceStatus.Suspended, balance: 100));

        Assert.Equal((CheckOutcome.Unknown, CheckReason.NotStated), (result.Check(CheckIds.SharerStatus).Outcome, result.Check(CheckIds.SharerStatus).Reason));
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
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes(["spouse"], "parent")))]);

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
        var local = Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes(["spouse"], "parent"), until: new(2025, 12, 31)));
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
    public void A_local_value_silent_on_a_code_leaves_it_to_the_parent_region()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse", "parent", "child"), unconfirmed: true))]);

        var check = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Sibling)).Check(CheckIds.Relationship);

        Assert.Equal((CheckOutcome.Pass, Certainty.Confirmed, "national"), (check.Outcome, check.Certainty, check.InheritedFrom?.Slug));
    }

    [Fact]
    public void An_uncontradicted_unconfirmed_exclusion_is_followed_but_only_makes_the_case_need_checking()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes(["spouse"], "sibling"), unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Sibling));

        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (result.Verdict, result.Certainty));
        var check = result.Check(CheckIds.Relationship);
        Assert.Equal((CheckOutcome.Fail, CheckReason.Excluded, true, Certainty.Unconfirmed), (check.Outcome, check.Reason, check.Unconfirmed, check.Certainty));
    }

    [Fact]
    public void An_unconfirmed_local_value_that_a_confirmed_parent_value_agrees_with_is_confirmed()
    {
        var snapshot = Snapshot([Rule("alpha", Keys.Relatives, From(new(2025, 1, 1), Codes("spouse", "parent", "child"), unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Spouse));

        Assert.Equal((Verdict.Eligible, Certainty.Confirmed), (result.Verdict, result.Certainty));
        Assert.False(result.Check(CheckIds.Relationship).Unconfirmed);
        Assert.Equal(new DateOnly(2025, 1, 1), result.Check(CheckIds.Relationship).EffectiveFrom);
    }

    [Fact]
    public void An_unconfirmed_restatement_of_an_earlier_confirmed_value_stays_confirmed_for_what_both_say()
    {
        var later = new DateOnly(2025, 4, 1);
        var snapshot = Snapshot([Rule("national", Keys.AllowedUses, From(Start, Codes(["hospital", "pharmacy"], "wellness")), From(later, Codes(["hospital", "pharmacy", "resident_premium"], "wellness"), unconfirmed: true))]);

        var hospital = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.Hospital, asOf: later));
        var premium = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.ResidentPremium, asOf: later));

        Assert.Equal((Verdict.Eligible, Certainty.Confirmed), (hospital.Verdict, hospital.Certainty));
        Assert.Equal((Verdict.Eligible, Certainty.Unconfirmed), (premium.Verdict, premium.Certainty));
        Assert.True(premium.Check(CheckIds.PurposeAllowed).Unconfirmed);
    }

    [Fact]
    public void An_unconfirmed_reserve_is_followed_and_a_failure_it_alone_gives_needs_checking()
    {
        var snapshot = Snapshot([Rule("beta", Keys.ReserveAmount, From(Start, new NumberValue(2000), unconfirmed: true))]);

        var questioned = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 1000));
        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (questioned.Verdict, questioned.Certainty));
        var reserve = questioned.Check(CheckIds.SharerReserve);
        Assert.Equal((CheckOutcome.Fail, CheckReason.RequirementNotMet, true, Certainty.Unconfirmed), (reserve.Outcome, reserve.Reason, reserve.Unconfirmed, reserve.Certainty));
        var allowed = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 3000));
        Assert.Equal((Verdict.Eligible, Certainty.Confirmed), (allowed.Verdict, allowed.Certainty));
        var empty = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 0));
        Assert.Equal((Verdict.NotEligible, Certainty.Confirmed), (empty.Verdict, empty.Certainty));
    }

    [Fact]
    public void An_unconfirmed_national_requirement_is_followed_and_marked_and_a_case_it_alone_fails_needs_checking()
    {
        var snapshot = Snapshot([Rule("national", Keys.SharerNormalStatusRequired, From(Start, Yes, unconfirmed: true))]);

        var suspended = EligibilityEngine.Evaluate(snapshot, Case(sharerStatus: InsuranceStatus.Suspended));
        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (suspended.Verdict, suspended.Certainty));
        Assert.Equal((CheckOutcome.Fail, true, Certainty.Unconfirmed), (suspended.Check(CheckIds.SharerStatus).Outcome, suspended.Check(CheckIds.SharerStatus).Unconfirmed, suspended.Check(CheckIds.SharerStatus).Certainty));
        Assert.Equal([CheckIds.SharerStatus], suspended.Failing());
        var normal = EligibilityEngine.Evaluate(snapshot, Case(sharerStatus: InsuranceStatus.Normal));
        Assert.Equal((CheckOutcome.Pass, Certainty.Confirmed), (normal.Check(CheckIds.SharerStatus).Outcome, normal.Certainty));
    }

    [Fact]
    public void A_confirmed_failure_refuses_the_case_even_beside_an_unconfirmed_one()
    {
        var snapshot = Snapshot([Rule("beta", Keys.ReserveAmount, From(Start, new NumberValue(2000), unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 1000, relationship: Relationship.Other));

        Assert.Equal((Verdict.NotEligible, Certainty.Confirmed), (result.Verdict, result.Certainty));
        Assert.Equal([CheckIds.SharerReserve, CheckIds.Relationship], result.Failing());
        Assert.Equal(Certainty.Unconfirmed, result.Check(CheckIds.SharerReserve).Certainty);
        Assert.Equal(Certainty.Confirmed, result.Check(CheckIds.Relationship).Certainty);
    }

    [Fact]
    public void Several_failures_that_all_rest_on_unconfirmed_values_still_only_need_checking()
    {
        var snapshot = Snapshot([
            Rule("beta", Keys.ReserveAmount, From(Start, new NumberValue(2000), unconfirmed: true)),
            Rule("national", Keys.SharerNormalStatusRequired, From(Start, Yes, unconfirmed: true))]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(region: "beta", balance: 1000, sharerStatus: InsuranceStatus.Suspended));

        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (result.Verdict, result.Certainty));
        Assert.Equal([CheckIds.SharerStatus, CheckIds.SharerReserve], result.Failing());
        Assert.All(result.Checks.Where(c => c.Outcome == CheckOutcome.Fail), c => Assert.Equal(Certainty.Unconfirmed, c.Certainty));
    }

    [Fact]
    public void A_rule_provinces_adopt_one_by_one_decides_only_what_the_rule_before_it_already_said()
    {
        var adopted = new DatedValue(Extension, null, Codes(["spouse", "parent", "child", "sibling", "grandparent", "grandchild"], "other"), ["src-a"], "23个省份已落地。", false) { LocalAdoption = true };
        var binding = new DateOnly(2026, 1, 9);
        var snapshot = Snapshot([Rule("national", Keys.Relatives,
            From(Start, Codes(["spouse", "parent", "child"], "sibling", "grandparent", "grandchild", "other")),
            adopted,
            From(binding, Codes(["spouse", "parent", "child", "sibling", "grandparent", "grandchild"], "other")))]);

        var sibling = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Sibling, asOf: Extension));
        var spouse = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Spouse, asOf: Extension));
        var other = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other, asOf: Extension));
        var later = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Sibling, asOf: binding));

        var check = sibling.Check(CheckIds.Relationship);
        Assert.Equal((Verdict.NeedsCheck, Certainty.Unconfirmed), (sibling.Verdict, sibling.Certainty));
        Assert.Equal((CheckOutcome.Unknown, CheckReason.AdoptionUnconfirmed, "23个省份已落地。", (DateOnly?)Extension), (check.Outcome, check.Reason, check.RuleNote, check.EffectiveFrom));
        Assert.Equal((Verdict.Eligible, Certainty.Confirmed, (DateOnly?)Start), (spouse.Verdict, spouse.Certainty, spouse.Check(CheckIds.Relationship).EffectiveFrom));
        Assert.Equal((Verdict.NotEligible, Certainty.Confirmed), (other.Verdict, other.Certainty));
        Assert.Equal((Verdict.Eligible, Certainty.Confirmed), (later.Verdict, later.Certainty));
    }

    [Fact]
    public void An_open_disagreement_about_the_case_needs_checking_and_follows_the_check_it_concerns()
    {
        var snapshot = Snapshot(disagreements: [Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.CheckLocally, "pharmacy")]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(purpose: Purpose.Pharmacy));

        Assert.Equal((Verdict.NeedsCheck, Certainty.Conflicting), (result.Verdict, result.Certainty));
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
    public void A_check_locally_decision_turns_the_no_it_disputes_into_needs_checking()
    {
        var snapshot = Snapshot(disagreements: [Dispute("other-relatives", "alpha", Keys.Relatives, Resolution.CheckLocally, "other")]);

        var result = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other));

        Assert.Equal((Verdict.NeedsCheck, Certainty.Conflicting), (result.Verdict, result.Certainty));
        Assert.Equal(["relationship", "disagreement:other-relatives"], result.Unknown());
        Assert.Equal(CheckReason.Disputed, result.Check(CheckIds.Relationship).Reason);
    }

    [Fact]
    public void A_disagreement_applies_only_within_its_periods_with_the_decision_of_each()
    {
        var switchOver = new DateOnly(2026, 1, 9);
        var dispute = Dispute("other-relatives", "alpha", Keys.Relatives, Resolution.CheckLocally, "other") with
        {
            Decisions = [new(new(2025, 1, 1), switchOver.AddDays(-1), Resolution.CheckLocally, null, "请核实"), new(switchOver, null, Resolution.Follow, 0, "通知")],
        };
        var snapshot = Snapshot(disagreements: [dispute]);

        var before = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other, asOf: new(2024, 12, 31)));
        var during = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other, asOf: switchOver.AddDays(-1)));
        var after = EligibilityEngine.Evaluate(snapshot, Case(relationship: Relationship.Other, asOf: switchOver));

        Assert.Equal((Verdict.NotEligible, (string?)null), (before.Verdict, before.Check(CheckIds.Relationship).Disagreement?.Id));
        Assert.Equal(Verdict.NeedsCheck, during.Verdict);
        Assert.Equal((Verdict.NotEligible, "other-relatives", "通知"), (after.Verdict, after.Check(CheckIds.Relationship).Disagreement?.Id, after.Check(CheckIds.Relationship).Decision?.Reason));
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
