using System.Collections.Immutable;
using static FamilyMutualAid.Rules.FundUsageCalculator;

namespace FamilyMutualAid.Rules.Tests;

/// <summary>
/// Builds small snapshots with the parameters the fund-usage calculator reads, on the test regions
/// national → alpha (province) → beta (city): national lets hospitals and pharmacies use shared money and says,
/// confirmed, that the relative's own account pays first; no limits unless a test adds them.
/// </summary>
internal static class FundUsagePolicy
{
    public static readonly DateOnly Start = new(2021, 4, 22);
    public static readonly DateOnly LimitsFrom = new(2025, 4, 1);
    public static readonly DateOnly Today = new(2026, 6, 1);

    public static ImmutableArray<ParameterDefinition> Definitions { get; } =
    [
        new(Keys.AllowedUses, "可以支付的费用", ParameterType.List, "purpose", null),
        new(Keys.MemberAccountFirst, "先用家人本人的个人账户", ParameterType.Flag, null, null),
        new(Keys.ReserveAmount, "个人账户须保留的最低余额", ParameterType.Number, null, "元"),
        new(Keys.AnnualCapShare, "每年可共济金额占余额的上限", ParameterType.Number, null, "比例"),
        new(Keys.PerUseLimit, "每次最多可用共济资金支付的金额", ParameterType.Number, null, "元"),
    ];

    public static DatedValue From(DateOnly from, PolicyValue value, bool unconfirmed = false, string source = "src-a") =>
        new(from, null, value, [source], null, unconfirmed);

    public static PolicyParameter Rule(string region, string key, params DatedValue[] values) => new(region, key, [.. values], null);

    public static PolicyParameter Cap(string region, decimal share, bool unconfirmed = true) =>
        Rule(region, Keys.AnnualCapShare, From(LimitsFrom, new NumberValue(share), unconfirmed, "src-b"));

    public static PolicyParameter Reserve(string region, decimal amount, bool unconfirmed = true) =>
        Rule(region, Keys.ReserveAmount, From(LimitsFrom, new NumberValue(amount), unconfirmed, "src-b"));

    public static PolicyParameter PerUse(string region, decimal amount, bool unconfirmed = false) =>
        Rule(region, Keys.PerUseLimit, From(LimitsFrom, new NumberValue(amount), unconfirmed));

    public static PolicyParameter Order(string region, bool memberFirst, bool unconfirmed = false) =>
        Rule(region, Keys.MemberAccountFirst, From(Start, new FlagValue(memberFirst), unconfirmed));

    public static ImmutableArray<PolicyParameter> NationalRules { get; } =
    [
        Rule("national", Keys.AllowedUses, From(Start, new ListValue(["hospital", "pharmacy"]))),
        Order("national", memberFirst: true),
    ];

    /// <summary>The national rules, with <paramref name="rules"/> added or replacing the national rule of the same region and key.</summary>
    public static PolicySnapshot Snapshot(IEnumerable<PolicyParameter>? rules = null, IEnumerable<Disagreement>? disagreements = null)
    {
        var given = rules?.ToList() ?? [];
        var parameters = NationalRules.Where(n => !given.Any(g => g.RegionSlug == n.RegionSlug && g.Key == n.Key)).Concat(given);
        return new([TestPolicy.National, TestPolicy.Alpha, TestPolicy.Beta], [TestPolicy.SourceA, EligibilityPolicy.SourceB],
            Definitions, parameters, disagreements ?? [], [], Vocabulary.Empty);
    }

    /// <summary>A bill in alpha today: by default a 1000-yuan hospital bill, no own balance, a sharer with 10000.</summary>
    public static FundUsageCase Bill(
        decimal selfPay = 1000,
        decimal member = 0,
        decimal sharer = 10000,
        decimal sharedThisYear = 0,
        Venue venue = Venue.Hospital,
        string region = "alpha",
        DateOnly? asOf = null) =>
        new(region, asOf ?? Today, venue, selfPay, member, sharer, sharedThisYear);

    public static FundUsageStep Step(this FundUsageResult result, string id) => Assert.Single(result.Steps, s => s.Id == id);

    public static (decimal Member, decimal Shared, decimal Cash) Split(this FundUsageResult result) =>
        (result.FromMemberAccount, result.FromSharedAccount, result.Cash);
}
