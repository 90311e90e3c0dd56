using FamilyMutualAid.Rules;
using FamilyMutualAid.Web.Tests.Infrastructure;
using static FamilyMutualAid.Rules.FundUsageCalculator;
using FamilyMutualAid.Web.Content;
using FamilyMutualAid.Web.Publishing;

namespace FamilyMutualAid.Web.Tests.FundUsage;

/// <summary>The fund-usage calculator on the real seeds: each region's documented limits, and the warnings on them.</summary>
public sealed class FundUsageSeedTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly Lazy<PolicySnapshot> Seeds = new(() =>
    {
        var set = PolicyFileReader.Read(Repository.Seeds, Repository.Content);
        var problems = PolicyImporter.Validate(set);
        Assert.True(problems.Count == 0, "the seeds have problems:\n" + string.Join("\n", problems));
        return set.ToSnapshot();
    });

    private static FundUsageResult Calculate(
        string region, decimal selfPay, decimal member = 0, decimal sharer = 10000, decimal sharedThisYear = 0, Venue venue = Venue.Hospital, DateOnly? asOf = null) =>
        FundUsageCalculator.Calculate(Seeds.Value, new(region, asOf ?? Today, venue, selfPay, member, sharer, sharedThisYear));

    private static FundUsageStep Step(FundUsageResult result, string id) => Assert.Single(result.Steps, s => s.Id == id);

    private static (decimal, decimal, decimal) Split(FundUsageResult result) => (result.FromMemberAccount, result.FromSharedAccount, result.Cash);

    [Fact]
    public void Beijing_shares_at_most_60_percent_of_the_balance_a_year_and_warns_that_the_cap_is_unconfirmed()
    {
        var atCap = Calculate("beijing", selfPay: 6000);
        var overCap = Calculate("beijing", selfPay: 6000.01m);

        Assert.Equal((0m, 6000m, 0m), Split(atCap));
        Assert.Empty(atCap.Warnings);
        Assert.Equal((0m, 6000m, 0.01m), Split(overCap));
        var cap = Step(overCap, FundUsageStepIds.AnnualCap);
        Assert.Equal((FundUsageReason.LimitApplies, new NumberValue(0.6m) as PolicyValue, 6000m), (cap.Reason, cap.RuleValue, cap.LimitAmount));
        Assert.True(cap.Unconfirmed);
        Assert.Null(cap.InheritedFrom);
        var warning = Assert.Single(overCap.Warnings);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, Keys.AnnualCapShare), (warning.Kind, warning.ParameterKey));
        Assert.Equal<string>(["doc-003"], warning.SourceIds);
    }

    [Fact]
    public void Shanghai_shares_at_most_70_percent_rounded_to_the_fen_with_a_warning()
    {
        var result = Calculate("shanghai", selfPay: 1000, sharer: 1234.57m);

        Assert.Equal((0m, 864.20m, 135.80m), Split(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, FundUsageStepIds.AnnualCap), (warning.Kind, warning.StepId));
        Assert.Equal<string>(["doc-003"], warning.SourceIds);
    }

    [Fact]
    public void Shanghai_counts_what_was_already_shared_against_the_cap()
    {
        var result = Calculate("shanghai", selfPay: 500, sharer: 10000, sharedThisYear: 7000);

        Assert.Equal((0m, 0m, 500m), Split(result));
        Assert.Equal(0m, Step(result, FundUsageStepIds.AnnualCap).Available);
    }

    [Fact]
    public void Shanghai_pharmacy_bills_carry_the_disagreement_and_the_local_unconfirmed_payment_order()
    {
        var result = Calculate("shanghai", selfPay: 200, member: 50, venue: Venue.Pharmacy);

        Assert.Equal((50m, 150m, 0m), Split(result));
        var dispute = Assert.Single(result.Warnings, w => w.Kind == FundUsageWarningKind.OpenDisagreement);
        Assert.Equal("shanghai-pharmacy", dispute.Disagreement?.Id);
        Assert.Equal(FundUsageStepIds.Venue, dispute.StepId);
        var order = Assert.Single(result.Warnings, w => w.StepId == FundUsageStepIds.PaymentOrder);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, Keys.MemberAccountFirst), (order.Kind, order.ParameterKey));
        Assert.Equal<string>(["doc-000"], order.SourceIds);
        Assert.DoesNotContain(Calculate("shanghai", selfPay: 200, member: 50, venue: Venue.Hospital).Warnings,
            w => w.Kind == FundUsageWarningKind.OpenDisagreement);
    }

    [Fact]
    public void Fuzhou_keeps_2000_yuan_in_the_sharers_account_with_a_warning()
    {
        var exactlyReserve = Calculate("fuzhou", selfPay: 300, sharer: 2000);
        var above = Calculate("fuzhou", selfPay: 1000, sharer: 2500);

        Assert.Equal((0m, 0m, 300m), Split(exactlyReserve));
        Assert.Equal((0m, 500m, 500m), Split(above));
        var reserve = Step(above, FundUsageStepIds.Reserve);
        Assert.Equal((2000m, 500m), (reserve.LimitAmount, reserve.Available));
        var warning = Assert.Single(above.Warnings);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, Keys.ReserveAmount), (warning.Kind, warning.ParameterKey));
        Assert.Equal<string>(["doc-003"], warning.SourceIds);
        Assert.Equal("national", Step(above, FundUsageStepIds.PaymentOrder).InheritedFrom?.Slug);
    }

    [Fact]
    public void Hebei_has_no_limits_so_only_the_balances_limit_the_split()
    {
        var result = Calculate("hebei", selfPay: 1000, sharer: 600);

        Assert.Equal((0m, 600m, 400m), Split(result));
        Assert.All([FundUsageStepIds.Reserve, FundUsageStepIds.AnnualCap, FundUsageStepIds.PerUseLimit],
            id => Assert.Equal(FundUsageReason.NoLimit, Step(result, id).Reason));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Hebei_inherits_the_unconfirmed_national_payment_order_and_warns_where_it_changes_the_split()
    {
        var result = Calculate("hebei", selfPay: 1000, member: 300);

        Assert.Equal((300m, 700m, 0m), Split(result));
        var order = Step(result, FundUsageStepIds.PaymentOrder);
        Assert.Equal((FundUsageReason.MemberAccountFirst, "national", true), (order.Reason, order.InheritedFrom?.Slug, order.Unconfirmed));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((FundUsageWarningKind.UnconfirmedRule, FundUsageStepIds.PaymentOrder), (warning.Kind, warning.StepId));
        Assert.Equal<string>(["doc-001", "doc-003"], warning.SourceIds);
        Assert.Equal(FundUsageFigures.MemberAccount | FundUsageFigures.SharedAccount, warning.Affects);
    }

    [Fact]
    public void Before_the_consumer_pages_were_captured_Beijing_has_no_cap_and_no_documented_payment_order()
    {
        var result = Calculate("beijing", selfPay: 8000, member: 100, asOf: new DateOnly(2025, 1, 1));

        Assert.Equal((100m, 7900m, 0m), Split(result));
        Assert.Equal(FundUsageReason.NoLimit, Step(result, FundUsageStepIds.AnnualCap).Reason);
        Assert.Equal(FundUsageReason.AssumedMemberAccountFirst, Step(result, FundUsageStepIds.PaymentOrder).Reason);
        Assert.Equal([FundUsageWarningKind.NoRule], result.Warnings.Select(w => w.Kind));
    }
}
