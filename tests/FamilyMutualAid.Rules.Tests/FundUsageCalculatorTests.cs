using static FamilyMutualAid.Rules.FundUsageCalculator;
using static FamilyMutualAid.Rules.Tests.FundUsagePolicy;

namespace FamilyMutualAid.Rules.Tests;

public sealed class FundUsageCalculatorTests
{
    private static readonly PolicySnapshot NoLimits = Snapshot();
    private static readonly PolicySnapshot Cap60 = Snapshot([Cap("alpha", 0.6m)]);
    private static readonly PolicySnapshot Cap70 = Snapshot([Cap("alpha", 0.7m)]);
    private static readonly PolicySnapshot Reserve2000 = Snapshot([Reserve("alpha", 2000)]);

    private static readonly string[] MemberFirstOrder =
    [
        FundUsageStepIds.Venue, FundUsageStepIds.PaymentOrder, FundUsageStepIds.MemberAccount, FundUsageStepIds.Reserve,
        FundUsageStepIds.AnnualCap, FundUsageStepIds.PerUseLimit, FundUsageStepIds.SharedAccount, FundUsageStepIds.Cash,
    ];

    private static readonly string[] SharedFirstOrder =
    [
        FundUsageStepIds.Venue, FundUsageStepIds.PaymentOrder, FundUsageStepIds.Reserve, FundUsageStepIds.AnnualCap,
        FundUsageStepIds.PerUseLimit, FundUsageStepIds.SharedAccount, FundUsageStepIds.MemberAccount, FundUsageStepIds.Cash,
    ];

    // The relative's own account

    [Fact]
    public void The_relatives_own_balance_pays_the_whole_bill_when_it_covers_it()
    {
        var result = Calculate(NoLimits, Bill(selfPay: 300, member: 500));

        Assert.Equal((300m, 0m, 0m), result.Split());
        Assert.Equal(FundUsageReason.PaysAll, result.Step(FundUsageStepIds.MemberAccount).Reason);
        Assert.Equal(FundUsageReason.NothingOutstanding, result.Step(FundUsageStepIds.SharedAccount).Reason);
        Assert.Equal(FundUsageReason.NothingOutstanding, result.Step(FundUsageStepIds.Cash).Reason);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void The_relatives_own_balance_pays_first_and_the_shared_account_the_rest()
    {
        var result = Calculate(NoLimits, Bill(selfPay: 1000, member: 123.45m));

        Assert.Equal((123.45m, 876.55m, 0m), result.Split());
        var member = result.Step(FundUsageStepIds.MemberAccount);
        Assert.Equal((FundUsageReason.PaysPart, 1000m, 123.45m, 123.45m), (member.Reason, member.Outstanding, member.Available, member.Paid));
        var shared = result.Step(FundUsageStepIds.SharedAccount);
        Assert.Equal((FundUsageReason.PaysAll, 876.55m, 10000m, 876.55m), (shared.Reason, shared.Outstanding, shared.Available, shared.Paid));
        Assert.Null(shared.LimitedBy);
    }

    [Fact]
    public void Without_limits_the_sharers_balance_is_all_that_limits_the_shared_part()
    {
        var result = Calculate(NoLimits, Bill(selfPay: 1000, member: 100, sharer: 650.5m));

        Assert.Equal((100m, 650.5m, 249.5m), result.Split());
        Assert.Equal(FundUsageReason.PaysPart, result.Step(FundUsageStepIds.SharedAccount).Reason);
        Assert.Equal(FundUsageReason.PaysAll, result.Step(FundUsageStepIds.Cash).Reason);
        Assert.All([FundUsageStepIds.Reserve, FundUsageStepIds.AnnualCap, FundUsageStepIds.PerUseLimit],
            id => Assert.Equal(FundUsageReason.NoLimit, result.Step(id).Reason));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_sharer_with_a_zero_balance_shares_nothing_and_the_rest_is_cash()
    {
        var result = Calculate(Cap60, Bill(selfPay: 80, member: 30, sharer: 0));

        Assert.Equal((30m, 0m, 50m), result.Split());
        Assert.Equal(FundUsageReason.NothingAvailable, result.Step(FundUsageStepIds.SharedAccount).Reason);
        Assert.Equal(0m, result.Step(FundUsageStepIds.AnnualCap).Available);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void All_zeros_give_a_zero_split_with_every_step_and_no_warning()
    {
        var result = Calculate(Snapshot([Cap("alpha", 0.7m), Reserve("alpha", 2000), PerUse("alpha", 500)]), Bill(0, 0, 0, 0));

        Assert.Equal((0m, 0m, 0m), result.Split());
        Assert.Equal(MemberFirstOrder, result.Steps.Select(s => s.Id));
        Assert.All([FundUsageStepIds.MemberAccount, FundUsageStepIds.SharedAccount, FundUsageStepIds.Cash],
            id => Assert.Equal(FundUsageReason.NothingOutstanding, result.Step(id).Reason));
        Assert.Empty(result.Warnings);
    }

    // Annual cap as a share of the sharer's balance

    [Fact]
    public void A_bill_exactly_at_the_cap_is_shared_in_full_and_needs_no_warning()
    {
        var result = Calculate(Cap60, Bill(selfPay: 6000, sharer: 10000));

        Assert.Equal((0m, 6000m, 0m), result.Split());
        var cap = result.Step(FundUsageStepIds.AnnualCap);
        Assert.Equal(FundUsageReason.LimitApplies, cap.Reason);
        Assert.Equal((10000m, 6000m, 0m, 6000m), (cap.Base, cap.LimitAmount, cap.AlreadyShared, cap.Available));
        Assert.True(cap.Unconfirmed);
        Assert.Equal(FundUsageReason.PaysAll, result.Step(FundUsageStepIds.SharedAccount).Reason);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void One_fen_over_the_cap_is_paid_in_cash_with_a_warning_naming_the_unconfirmed_cap_and_its_source()
    {
        var result = Calculate(Cap60, Bill(selfPay: 6000.01m, sharer: 10000));

        Assert.Equal((0m, 6000m, 0.01m), result.Split());
        Assert.Equal(FundUsageStepIds.AnnualCap, result.Step(FundUsageStepIds.SharedAccount).LimitedBy);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(FundUsageWarningKind.UnconfirmedRule, warning.Kind);
        Assert.Equal(FundUsageStepIds.AnnualCap, warning.StepId);
        Assert.Equal(Keys.AnnualCapShare, warning.ParameterKey);
        Assert.Equal<string>(["src-b"], warning.SourceIds);
        Assert.Equal(FundUsageFigures.SharedAccount | FundUsageFigures.Cash, warning.Affects);
    }

    [Fact]
    public void What_was_already_shared_this_year_comes_off_the_cap()
    {
        var result = Calculate(Cap70, Bill(selfPay: 5000, sharer: 5000, sharedThisYear: 1200));

        var cap = Assert.Single(result.Steps, s => s.Id == FundUsageStepIds.AnnualCap);
        Assert.Equal((3500m, 1200m, 2300m), (cap.LimitAmount, cap.AlreadyShared, cap.Available));
        Assert.Equal((0m, 2300m, 2700m), result.Split());
    }

    [Theory]
    [InlineData(6000)]
    [InlineData(8000)]
    public void A_sharer_who_has_already_shared_up_to_the_cap_shares_nothing_more(decimal sharedThisYear)
    {
        var result = Calculate(Cap60, Bill(selfPay: 100, member: 40, sharer: 10000, sharedThisYear: sharedThisYear));

        Assert.Equal((40m, 0m, 60m), result.Split());
        Assert.Equal(0m, result.Step(FundUsageStepIds.AnnualCap).Available);
        Assert.Equal(FundUsageReason.NothingAvailable, result.Step(FundUsageStepIds.SharedAccount).Reason);
        Assert.Equal(["UnconfirmedRule:annual_cap"], result.WarningNames());
    }

    [Fact]
    public void A_percentage_cap_is_rounded_to_the_fen()
    {
        // 0.7 × 1234.57 = 864.199
        var result = Calculate(Cap70, Bill(selfPay: 1000, sharer: 1234.57m));

        Assert.Equal(864.20m, result.Step(FundUsageStepIds.AnnualCap).LimitAmount);
        Assert.Equal((0m, 864.20m, 135.80m), result.Split());
    }

    [Fact]
    public void A_cap_on_a_half_fen_rounds_away_from_zero_not_to_even()
    {
        // 0.5 × 1234.57 = 617.285: banker's rounding would give 617.28.
        var result = Calculate(Snapshot([Cap("alpha", 0.5m)]), Bill(selfPay: 1000, sharer: 1234.57m));

        Assert.Equal(617.29m, result.Step(FundUsageStepIds.AnnualCap).LimitAmount);
        Assert.Equal(617.29m, result.FromSharedAccount);
    }

    [Fact]
    public void A_cap_that_does_not_bind_is_shown_as_unconfirmed_but_warns_about_no_figure()
    {
        var result = Calculate(Cap60, Bill(selfPay: 100, sharer: 10000));

        Assert.Equal((0m, 100m, 0m), result.Split());
        Assert.True(result.Step(FundUsageStepIds.AnnualCap).Unconfirmed);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_confirmed_cap_limits_without_a_warning()
    {
        var result = Calculate(Snapshot([Cap("alpha", 0.6m, unconfirmed: false)]), Bill(selfPay: 7000, sharer: 10000));

        Assert.Equal((0m, 6000m, 1000m), result.Split());
        Assert.Empty(result.Warnings);
    }

    // Reserve that must stay in the sharer's account

    [Fact]
    public void Only_the_balance_above_the_reserve_can_be_shared()
    {
        var result = Calculate(Reserve2000, Bill(selfPay: 1000, sharer: 2500));

        Assert.Equal((0m, 500m, 500m), result.Split());
        var reserve = result.Step(FundUsageStepIds.Reserve);
        Assert.Equal((2500m, 2000m, 500m), (reserve.Base, reserve.LimitAmount, reserve.Available));
        Assert.Equal(FundUsageStepIds.Reserve, result.Step(FundUsageStepIds.SharedAccount).LimitedBy);
        Assert.Equal(["UnconfirmedRule:reserve"], result.WarningNames());
    }

    [Fact]
    public void A_balance_exactly_at_the_reserve_shares_nothing()
    {
        var result = Calculate(Reserve2000, Bill(selfPay: 100, sharer: 2000));

        Assert.Equal((0m, 0m, 100m), result.Split());
        Assert.Equal(0m, result.Step(FundUsageStepIds.Reserve).Available);
        Assert.Equal(FundUsageFigures.SharedAccount | FundUsageFigures.Cash, Assert.Single(result.Warnings).Affects);
    }

    [Fact]
    public void One_fen_above_the_reserve_shares_one_fen()
    {
        var result = Calculate(Reserve2000, Bill(selfPay: 100, sharer: 2000.01m));

        Assert.Equal((0m, 0.01m, 99.99m), result.Split());
    }

    [Fact]
    public void A_balance_below_the_reserve_shares_nothing_and_nothing_goes_negative()
    {
        var result = Calculate(Reserve2000, Bill(selfPay: 100, sharer: 1500));

        Assert.Equal((0m, 0m, 100m), result.Split());
        Assert.Equal(0m, result.Step(FundUsageStepIds.Reserve).Available);
    }

    [Fact]
    public void A_bill_the_balance_above_the_reserve_covers_needs_no_warning()
    {
        var result = Calculate(Reserve2000, Bill(selfPay: 500, sharer: 2500));

        Assert.Equal((0m, 500m, 0m), result.Split());
        Assert.Empty(result.Warnings);
    }

    // Per-use limit and several limits together

    [Fact]
    public void A_per_use_limit_caps_the_shared_part_of_one_bill()
    {
        var result = Calculate(Snapshot([PerUse("alpha", 500)]), Bill(selfPay: 800, sharer: 10000));

        Assert.Equal((0m, 500m, 300m), result.Split());
        var limit = result.Step(FundUsageStepIds.PerUseLimit);
        Assert.Equal((500m, 500m, null), (limit.LimitAmount, limit.Available, limit.Base));
        Assert.Equal(FundUsageStepIds.PerUseLimit, result.Step(FundUsageStepIds.SharedAccount).LimitedBy);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void The_tightest_of_several_limits_sets_the_shared_part_and_only_it_is_warned_about()
    {
        // Reserve leaves 8000, cap 60% leaves 6000.
        var result = Calculate(Snapshot([Cap("alpha", 0.6m), Reserve("alpha", 2000)]), Bill(selfPay: 9000, sharer: 10000));

        Assert.Equal((0m, 6000m, 3000m), result.Split());
        Assert.Equal(8000m, result.Step(FundUsageStepIds.Reserve).Available);
        Assert.Equal(["UnconfirmedRule:annual_cap"], result.WarningNames());
    }

    [Fact]
    public void A_confirmed_limit_at_the_same_amount_keeps_an_unconfirmed_one_from_deciding_the_figures()
    {
        var snapshot = Snapshot([Cap("alpha", 0.6m), PerUse("alpha", 6000, unconfirmed: false)]);

        var result = Calculate(snapshot, Bill(selfPay: 9000, sharer: 10000));

        Assert.Equal((0m, 6000m, 3000m), result.Split());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Two_unconfirmed_limits_at_the_same_amount_are_both_warned_about()
    {
        // Cap 50% of 4000 = 2000; reserve 2000 leaves 2000.
        var snapshot = Snapshot([Cap("alpha", 0.5m), Reserve("alpha", 2000)]);

        var result = Calculate(snapshot, Bill(selfPay: 3000, sharer: 4000));

        Assert.Equal((0m, 2000m, 1000m), result.Split());
        Assert.Equal(["UnconfirmedRule:reserve", "UnconfirmedRule:annual_cap"], result.WarningNames());
    }

    // Payment order

    [Fact]
    public void When_the_shared_account_pays_first_the_relatives_own_account_pays_the_rest()
    {
        var result = Calculate(Snapshot([Order("alpha", memberFirst: false)]), Bill(selfPay: 1000, member: 300, sharer: 800));

        Assert.Equal((200m, 800m, 0m), result.Split());
        Assert.Equal(SharedFirstOrder, result.Steps.Select(s => s.Id));
        Assert.Equal(FundUsageReason.SharedAccountFirst, result.Step(FundUsageStepIds.PaymentOrder).Reason);
        Assert.Equal(200m, result.Step(FundUsageStepIds.MemberAccount).Outstanding);
    }

    [Fact]
    public void An_unconfirmed_payment_order_is_warned_about_where_it_changes_the_split_but_not_the_cash()
    {
        var result = Calculate(Snapshot([Order("national", memberFirst: true, unconfirmed: true)]), Bill(selfPay: 1000, member: 300));

        Assert.Equal((300m, 700m, 0m), result.Split());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, FundUsageStepIds.PaymentOrder, Keys.MemberAccountFirst),
            (warning.Kind, warning.StepId, warning.ParameterKey));
        Assert.Equal(FundUsageFigures.MemberAccount | FundUsageFigures.SharedAccount, warning.Affects);
    }

    [Theory]
    [InlineData(0, 10000)]
    [InlineData(300, 0)]
    [InlineData(5000, 6000)]
    public void The_payment_order_is_not_warned_about_when_either_order_gives_the_same_split(decimal member, decimal sharer)
    {
        var snapshot = Snapshot([Order("national", memberFirst: true, unconfirmed: true)]);

        var result = Calculate(snapshot, Bill(selfPay: member + sharer + 1, member: member, sharer: sharer));

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Without_a_payment_order_the_relatives_own_account_is_assumed_to_pay_first_and_that_is_warned_about()
    {
        var snapshot = new PolicySnapshot([TestPolicy.National, TestPolicy.Alpha], [TestPolicy.SourceA], Definitions,
            [Rule("national", Keys.AllowedUses, From(Start, new ListValue(["hospital", "pharmacy"])))], [], [], Vocabulary.Empty);

        var result = Calculate(snapshot, Bill(selfPay: 1000, member: 300));

        Assert.Equal((300m, 700m, 0m), result.Split());
        var order = result.Step(FundUsageStepIds.PaymentOrder);
        Assert.Equal((FundUsageReason.AssumedMemberAccountFirst, null), (order.Reason, order.RuleValue));
        Assert.Equal(["NoRule:payment_order"], result.WarningNames());
    }

    // Venue

    [Fact]
    public void An_unsettled_disagreement_about_the_venue_is_a_warning_on_the_shared_figure_not_a_refusal()
    {
        var dispute = EligibilityPolicy.Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.CheckLocally, "pharmacy");
        var snapshot = Snapshot(disagreements: [dispute]);

        var pharmacy = Calculate(snapshot, Bill(selfPay: 200, member: 50, venue: Venue.Pharmacy));
        var hospital = Calculate(snapshot, Bill(selfPay: 200, member: 50, venue: Venue.Hospital));

        Assert.Equal((50m, 150m, 0m), pharmacy.Split());
        var warning = Assert.Single(pharmacy.Warnings);
        Assert.Equal((FundUsageWarningKind.OpenDisagreement, FundUsageStepIds.Venue, dispute), (warning.Kind, warning.StepId, warning.Disagreement));
        Assert.Equal<string>(["src-a", "src-b"], warning.SourceIds);
        Assert.Equal(FundUsageFigures.SharedAccount | FundUsageFigures.Cash, warning.Affects);
        Assert.Empty(hospital.Warnings);
    }

    [Fact]
    public void A_disputed_venue_needs_no_warning_when_the_relatives_own_account_pays_everything()
    {
        var dispute = EligibilityPolicy.Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.CheckLocally, "pharmacy");

        var result = Calculate(Snapshot(disagreements: [dispute]), Bill(selfPay: 40, member: 50, venue: Venue.Pharmacy));

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_settled_disagreement_about_the_venue_is_shown_on_the_step_without_a_warning()
    {
        var dispute = EligibilityPolicy.Dispute("alpha-pharmacy", "alpha", Keys.AllowedUses, Resolution.Follow, "pharmacy");

        var result = Calculate(Snapshot(disagreements: [dispute]), Bill(venue: Venue.Pharmacy));

        Assert.Equal(dispute, result.Step(FundUsageStepIds.Venue).Disagreement);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_venue_the_rule_excludes_still_gets_a_split_with_a_warning()
    {
        var snapshot = Snapshot([Rule("national", Keys.AllowedUses, From(Start, new ListValue(["hospital"]) { Excluded = ["pharmacy"] }))]);

        var result = Calculate(snapshot, Bill(selfPay: 100, venue: Venue.Pharmacy));

        Assert.Equal((0m, 100m, 0m), result.Split());
        Assert.Equal(FundUsageReason.NotListed, result.Step(FundUsageStepIds.Venue).Reason);
        Assert.Equal(["UseNotListed:venue"], result.WarningNames());
    }

    [Fact]
    public void A_venue_no_source_addresses_gets_a_split_with_a_no_rule_warning()
    {
        var snapshot = Snapshot([Rule("national", Keys.AllowedUses, From(Start, new ListValue(["hospital"])))]);

        var result = Calculate(snapshot, Bill(selfPay: 100, venue: Venue.Pharmacy));

        Assert.Equal(FundUsageReason.NoRule, result.Step(FundUsageStepIds.Venue).Reason);
        Assert.Equal(["NoRule:venue"], result.WarningNames());
    }

    // Rules as of the date, with inheritance

    [Fact]
    public void A_city_inherits_its_provinces_cap_and_the_step_says_from_where()
    {
        var result = Calculate(Cap60, Bill(selfPay: 7000, region: "beta"));

        Assert.Equal(6000m, result.FromSharedAccount);
        var cap = result.Step(FundUsageStepIds.AnnualCap);
        Assert.Equal(("alpha", LimitsFrom, Keys.AnnualCapShare), (cap.InheritedFrom?.Slug, cap.EffectiveFrom, cap.ParameterKey));
        Assert.Equal(new NumberValue(0.6m), cap.RuleValue);
    }

    [Fact]
    public void A_cap_does_not_apply_before_its_first_day()
    {
        var result = Calculate(Cap60, Bill(selfPay: 7000, asOf: LimitsFrom.AddDays(-1)));

        Assert.Equal(7000m, result.FromSharedAccount);
        Assert.Equal(FundUsageReason.NoLimit, result.Step(FundUsageStepIds.AnnualCap).Reason);
    }

    [Fact]
    public void An_unknown_region_gets_a_split_by_the_balances_alone_and_a_warning()
    {
        var result = Calculate(Cap60, Bill(selfPay: 100, member: 30, region: "nowhere"));

        Assert.Equal((30m, 70m, 0m), result.Split());
        Assert.Contains("RegionUnknown:", result.WarningNames());
    }

    // Invariants

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_three_figures_are_never_negative_and_always_sum_exactly_to_the_self_pay(int seed)
    {
        var random = new Random(seed);
        PolicySnapshot[] snapshots =
        [
            NoLimits, Cap60, Cap70, Reserve2000,
            Snapshot([Cap("alpha", 0.7m), Reserve("alpha", 2000), PerUse("alpha", 500), Order("alpha", memberFirst: false, unconfirmed: true)]),
        ];
        for (var i = 0; i < 400; i++)
        {
            var bill = Bill(Fen(random, 20000), Fen(random, 3000), Fen(random, 15000), Fen(random, 9000), (Venue)random.Next(2));
            foreach (var snapshot in snapshots)
            {
                var result = Calculate(snapshot, bill);

                Assert.Equal(bill.SelfPay, result.FromMemberAccount + result.FromSharedAccount + result.Cash);
                Assert.True(result.FromMemberAccount >= 0 && result.FromSharedAccount >= 0 && result.Cash >= 0, $"negative figure for {bill}");
                Assert.True(result.FromMemberAccount <= bill.MemberOwnBalance && result.FromSharedAccount <= bill.SharerBalance, $"overdrawn for {bill}");
                Assert.Equal(result.FromSharedAccount, result.Step(FundUsageStepIds.SharedAccount).Paid);
                Assert.Equal(result.Cash, result.Step(FundUsageStepIds.Cash).Paid);
            }
        }
    }

    [Fact]
    public void The_same_case_gives_the_same_answer()
    {
        var snapshot = Snapshot([Cap("alpha", 0.7m), Reserve("alpha", 2000)]);
        var bill = Bill(selfPay: 9999.99m, member: 12.34m, sharer: 5432.1m, sharedThisYear: 100);

        var (first, second) = (Calculate(snapshot, bill), Calculate(snapshot, bill));

        Assert.Equal(first.Split(), second.Split());
        // As arrays: ImmutableArray's own equality compares references.
        Assert.Equal(first.Steps.ToArray(), second.Steps.ToArray());
        Assert.Equal(first.Warnings.ToArray(), second.Warnings.ToArray());
        Assert.NotEmpty(first.Warnings);
    }

    [Fact]
    public void A_venue_maps_to_its_purpose_code()
    {
        Assert.Equal(VocabularyCodes.Of(Purpose.Hospital), VocabularyCodes.Of(Venue.Hospital));
        Assert.Equal(VocabularyCodes.Of(Purpose.Pharmacy), VocabularyCodes.Of(Venue.Pharmacy));
    }

    private static decimal Fen(Random random, int maxYuan) =>
        random.Next(6) == 0 ? 0 : random.Next(maxYuan * 100 + 1) / 100m;
}
