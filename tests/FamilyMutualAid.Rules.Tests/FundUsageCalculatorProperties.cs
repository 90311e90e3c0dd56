using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FamilyMutualAid.Rules.Tests.FundUsagePolicy;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// What holds for every bill under every combination of limits: generated with a fixed seed (Replay) so a failure
/// reproduces, and shrunk to the smallest bill and rules that break it.
/// </summary>
public sealed class FundUsageCalculatorProperties
{
    private const string Seed = "(20261201,1357911)";

    /// <summary>One bill and the limits in force for it, all amounts whole fen as the API lets them in.</summary>
    public sealed record Scenario(
        decimal SelfPay, decimal Member, decimal Sharer, decimal SharedThisYear, bool MemberFirst,
        decimal? CapShare, decimal? Reserve, decimal? PerUse, bool Unconfirmed, Venue Venue)
    {
        public PolicySnapshot Snapshot() => FundUsagePolicy.Snapshot(
            new[]
            {
                Order("alpha", MemberFirst, Unconfirmed),
                CapShare is { } share ? Cap("alpha", share, Unconfirmed) : null,
                Reserve is { } reserve ? FundUsagePolicy.Reserve("alpha", reserve, Unconfirmed) : null,
                PerUse is { } limit ? FundUsagePolicy.PerUse("alpha", limit, Unconfirmed) : null,
            }.OfType<PolicyParameter>());

        public FundUsageResult Calculate() => FundUsageCalculator.Calculate(Snapshot(), Bill(SelfPay, Member, Sharer, SharedThisYear, Venue));

        public override string ToString() =>
            $"bill {SelfPay}, own {Member}, sharer {Sharer}, shared {SharedThisYear}, member first {MemberFirst}, cap {CapShare}, reserve {Reserve}, per use {PerUse}, unconfirmed {Unconfirmed}, {Venue}";
    }

    /// <summary>Amounts from 0 to a million yuan, often small or round, so limits bind as often as not.</summary>
    private static Gen<decimal> Yuan() => Gen.OneOf(
        Gen.Choose(0, 100_000_000).Select(fen => fen / 100m),
        Gen.Choose(0, 5_000).Select(yuan => (decimal)yuan),
        Gen.Elements(0m, 0.01m, 1m, 2000m));

    private static Gen<decimal?> Maybe(Gen<decimal> value) => Gen.OneOf(Gen.Constant<decimal?>(null), value.Select(v => (decimal?)v));

    private static Arbitrary<Scenario> Scenarios() =>
        (from selfPay in Yuan()
         from member in Yuan()
         from sharer in Yuan()
         from shared in Yuan()
         from memberFirst in Gen.Elements(true, false)
         from cap in Maybe(Gen.Choose(0, 120).Select(percent => percent / 100m))
         from reserve in Maybe(Yuan())
         from perUse in Maybe(Yuan())
         from unconfirmed in Gen.Elements(true, false)
         from venue in Gen.Elements(Venue.Hospital, Venue.Pharmacy)
         select new Scenario(selfPay, member, sharer, shared, memberFirst, cap, reserve, perUse, unconfirmed, venue)).ToArbitrary();

    [Property(Replay = Seed, MaxTest = 500)]
    public Property Own_account_shared_account_and_cash_add_up_to_the_bill_to_the_fen() =>
        Prop.ForAll(Scenarios(), s =>
        {
            var r = s.Calculate();
            return r.FromMemberAccount + r.FromSharedAccount + r.Cash == s.SelfPay
                && new[] { r.FromMemberAccount, r.FromSharedAccount, r.Cash }.All(x => x >= 0 && decimal.Round(x, 2) == x);
        });

    [Property(Replay = Seed, MaxTest = 500)]
    public Property The_shared_part_never_goes_above_a_cap_or_takes_the_sharer_below_the_reserve() =>
        Prop.ForAll(Scenarios(), s =>
        {
            var shared = s.Calculate().FromSharedAccount;
            var capLeft = s.CapShare is { } share ? Math.Max(0, Math.Round(share * s.Sharer, 2, MidpointRounding.AwayFromZero) - s.SharedThisYear) : decimal.MaxValue;
            return shared <= s.Sharer
                && shared <= capLeft
                && shared <= (s.PerUse ?? decimal.MaxValue)
                && (shared == 0 || s.Sharer - shared >= (s.Reserve ?? 0));
        });

    [Property(Replay = Seed, MaxTest = 500)]
    public Property The_relative_never_pays_more_from_their_own_account_than_it_holds() =>
        Prop.ForAll(Scenarios(), s => s.Calculate().FromMemberAccount <= s.Member);
}
