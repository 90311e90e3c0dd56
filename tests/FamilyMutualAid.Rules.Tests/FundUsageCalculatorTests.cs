using static FamilyMutualAid.Rules.FundUsageCalculator;
using static FamilyMutualAid.Rules.Tests.FundUsagePolicy;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>The calculator's invariants and mechanics; the cases themselves are in tests/fund-usage.</summary>
public sealed class FundUsageCalculatorTests
{
    private static readonly PolicySnapshot NoLimits = Snapshot();
    private static readonly PolicySnapshot Cap60 = Snapshot([Cap("alpha", 0.6m)]);
    private static readonly PolicySnapshot Cap70 = Snapshot([Cap("alpha", 0.7m)]);
    private static readonly PolicySnapshot Reserve2000 = Snapshot([Reserve("alpha", 2000)]);

    // The calculation cases (inputs, split, steps and warnings) are data: tests/fund-usage/*.yaml, run by FundUsageCaseTests.
    // What stays here is what a case cannot say: properties over many bills, and the calculator's mechanics.

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
